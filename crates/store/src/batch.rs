//! Group commit: many concurrent writers, one transaction per batch.
//!
//! A durable commit costs an fsync (SQLite `synchronous = FULL`), a few milliseconds on
//! ordinary disks, so committing each small write on its own caps a store at a few
//! hundred writes a second. [`GroupCommit`] runs a single writer task: callers
//! [`submit`](GroupCommit::submit) an item and wait; the writer takes every item
//! waiting in its queue (up to `max_batch`), commits them together through the closure
//! it was given (one transaction, one fsync), then answers each caller through its own
//! oneshot channel. Under load the batches grow by themselves, while one caller alone
//! waits for just one commit.
//!
//! An answer is sent only after the closure returned, i.e. after the commit: a caller
//! told `Ok` holds a durable write. If the commit fails, every caller of the batch gets
//! the error and none of its items is stored (the closure's transaction rolled back).
//!
//! The writer is generic over the item, the per-item result and the error, so any
//! high-rate durable write (reports, withdrawal screenings…) can use it with a closure
//! over its own store method.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

/// Why a submitted item has no result.
#[derive(Debug, thiserror::Error)]
pub enum BatchError<E> {
    /// The batch's commit failed: nothing of the batch was stored.
    #[error("the batch could not be committed: {0}")]
    Commit(Arc<E>),
    /// The writer has stopped (the process is shutting down).
    #[error("the writer has stopped")]
    Closed,
}

type Job<T, R, E> = (T, oneshot::Sender<Result<R, BatchError<E>>>);

/// A handle to a group-commit writer task. Cloning it is cheap; the task ends when the
/// last handle is dropped and its queue is drained.
#[derive(Debug)]
pub struct GroupCommit<T, R, E> {
    queue: mpsc::Sender<Job<T, R, E>>,
}

impl<T, R, E> Clone for GroupCommit<T, R, E> {
    fn clone(&self) -> Self {
        GroupCommit {
            queue: self.queue.clone(),
        }
    }
}

impl<T, R, E> GroupCommit<T, R, E>
where
    T: Send + 'static,
    R: Send + 'static,
    E: Send + Sync + 'static,
{
    /// Spawns the writer on the current Tokio runtime. `commit` stores a batch of at
    /// most `max_batch` items in one transaction and returns one result per item, in
    /// order. At most `queue` items wait; further callers wait to enqueue
    /// (back-pressure).
    pub fn spawn<F, Fut>(max_batch: usize, queue: usize, mut commit: F) -> GroupCommit<T, R, E>
    where
        F: FnMut(Vec<T>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<R>, E>> + Send,
    {
        let max_batch = max_batch.max(1);
        let (tx, mut rx) = mpsc::channel::<Job<T, R, E>>(queue.max(1));
        tokio::spawn(async move {
            let mut items = Vec::with_capacity(max_batch);
            let mut replies = Vec::with_capacity(max_batch);
            while let Some((item, reply)) = rx.recv().await {
                items.push(item);
                replies.push(reply);
                while items.len() < max_batch {
                    match rx.try_recv() {
                        Ok((item, reply)) => {
                            items.push(item);
                            replies.push(reply);
                        }
                        Err(_) => break,
                    }
                }
                let batch = std::mem::replace(&mut items, Vec::with_capacity(max_batch));
                let expected = batch.len();
                match commit(batch).await {
                    Ok(results) if results.len() == expected => {
                        for (reply, result) in replies.drain(..).zip(results) {
                            // The caller may have gone (client disconnected): its item
                            // is stored all the same.
                            let _ = reply.send(Ok(result));
                        }
                    }
                    Ok(_) => {
                        // A closure returning the wrong number of results is a bug;
                        // answer nobody with a wrong result.
                        for reply in replies.drain(..) {
                            let _ = reply.send(Err(BatchError::Closed));
                        }
                    }
                    Err(e) => {
                        let e = Arc::new(e);
                        for reply in replies.drain(..) {
                            let _ = reply.send(Err(BatchError::Commit(Arc::clone(&e))));
                        }
                    }
                }
            }
        });
        GroupCommit { queue: tx }
    }

    /// Submits one item and waits until the batch holding it is committed.
    pub async fn submit(&self, item: T) -> Result<R, BatchError<E>> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((item, reply))
            .await
            .map_err(|_| BatchError::Closed)?;
        answer.await.map_err(|_| BatchError::Closed)?
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[tokio::test]
    async fn batches_form_under_load_and_answers_match_items() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&sizes);
        // The first commit waits until every submitter is queued, so the second batch
        // must take the rest at once.
        let (go, wait) = tokio::sync::watch::channel(false);
        let writer: GroupCommit<u32, u32, String> = GroupCommit::spawn(64, 1024, move |batch| {
            seen.lock().map(|mut s| s.push(batch.len())).ok();
            let mut wait = wait.clone();
            async move {
                let _ = wait.wait_for(|ready| *ready).await;
                Ok(batch.into_iter().map(|x| x * 10).collect())
            }
        });
        let first = tokio::spawn({
            let w = writer.clone();
            async move { w.submit(0).await }
        });
        // Wait until the writer holds the first item in its (blocked) commit.
        while sizes.lock().map(|s| s.is_empty()).unwrap_or(true) {
            tokio::task::yield_now().await;
        }
        let mut tasks = Vec::new();
        for i in 1..=100u32 {
            let w = writer.clone();
            tasks.push(tokio::spawn(async move { (i, w.submit(i).await) }));
        }
        // All 100 are queued once the channel holds them.
        while writer.queue.capacity() > 1024 - 100 {
            tokio::task::yield_now().await;
        }
        go.send(true).ok();
        assert_eq!(first.await.ok().and_then(|r| r.ok()), Some(0));
        for t in tasks {
            let (i, r) = t.await.expect("task");
            assert_eq!(r.ok(), Some(i * 10));
        }
        let sizes = sizes.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(sizes, vec![1, 64, 36]);
    }

    #[tokio::test]
    async fn a_failed_commit_fails_every_item_of_its_batch() {
        let writer: GroupCommit<u32, u32, String> =
            GroupCommit::spawn(8, 8, |batch: Vec<u32>| async move {
                if batch.contains(&13) {
                    Err("unlucky".to_owned())
                } else {
                    Ok(batch)
                }
            });
        match writer.submit(13).await {
            Err(BatchError::Commit(e)) => assert_eq!(*e, "unlucky"),
            other => panic!("{other:?}"),
        }
        assert_eq!(writer.submit(7).await.ok(), Some(7));
    }

    #[tokio::test]
    async fn a_wrong_result_count_answers_nobody_with_a_wrong_result() {
        let writer: GroupCommit<u32, u32, String> =
            GroupCommit::spawn(8, 8, |_batch: Vec<u32>| async move { Ok(Vec::new()) });
        assert!(matches!(writer.submit(1).await, Err(BatchError::Closed)));
    }
}
