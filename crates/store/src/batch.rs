//! Group commit: many concurrent writers, one transaction per batch, and the crate's
//! one group-commit loop ([`serve`]).
//!
//! A durable commit costs an fsync (SQLite `synchronous = FULL`), a few milliseconds on
//! ordinary disks, so committing each small write on its own caps a store at a few
//! hundred writes a second. A group-commit writer runs a single loop: callers queue a
//! job and wait; the loop takes every job waiting in its queue (up to `max_batch`),
//! commits them together (one transaction, one fsync), then answers each caller
//! through its own oneshot channel. Under load the batches grow by themselves, while
//! one caller alone waits for just one commit.
//!
//! Two writers run the loop: [`GroupCommit`], a Tokio task over any async closure (the
//! reports' intake), and the SQLite screening writer (`sqlite_writer`), which runs it
//! on a thread of its own, with a connection of its own, so that a batch of
//! screenings costs one thread hand-off instead of several per screening.
//!
//! # Failure policy
//!
//! An answer is sent only after the commit that holds the job returned: a caller told
//! `Ok` holds a durable write, and nothing that was not committed is acknowledged.
//!
//! When a batch fails, its transaction is rolled back, so nothing of it is stored.
//! Each of its jobs is then committed again **alone**, one transaction each, and each
//! caller gets the result of its own transaction: `Ok` after that commit, or its own
//! error. A bad job (a reference already used, a row a constraint refuses) thus fails
//! only its own caller, never its neighbours; an environment fault (a full disk) fails
//! each of them, each with the error. A batch of one job that fails is answered with
//! its error at once.
//!
//! A job keeps its own result (the id a report got, the campaign a screening was
//! given) until it is answered, so a job retried alone simply computes it again.

use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

/// A writer that commits batches of jobs, for [`serve`].
pub(crate) trait Committer {
    /// A queued write with its reply channel.
    type Job;
    /// Why a commit failed.
    type Error;

    /// Stores `jobs` in one transaction, all or nothing, and keeps each job's result
    /// in the job until it is answered.
    fn commit(&mut self, jobs: &mut [Self::Job]) -> impl Future<Output = Result<(), Self::Error>>;

    /// Answers a job once its commit returned: `Ok` if it committed.
    fn answer(job: Self::Job, result: Result<(), Self::Error>);

    /// Runs after every batch is answered; `waiting` tells whether jobs are queued.
    fn after_batch(&mut self, waiting: bool) {
        let _ = waiting;
    }
}

/// The group-commit loop (see the module documentation for its failure policy): serves
/// batches of at most `max_batch` jobs until every sender of `queue` is dropped and the
/// queue is drained.
pub(crate) async fn serve<C: Committer>(
    mut queue: mpsc::Receiver<C::Job>,
    max_batch: usize,
    mut committer: C,
) {
    let max_batch = max_batch.max(1);
    let mut jobs: Vec<C::Job> = Vec::with_capacity(max_batch);
    while let Some(job) = queue.recv().await {
        jobs.push(job);
        while jobs.len() < max_batch {
            match queue.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        match committer.commit(&mut jobs).await {
            Ok(()) => {
                for job in jobs.drain(..) {
                    C::answer(job, Ok(()));
                }
            }
            Err(e) if jobs.len() == 1 => {
                if let Some(job) = jobs.pop() {
                    C::answer(job, Err(e));
                }
            }
            Err(_) => {
                // Nothing of the batch is stored: each job alone, so that each caller
                // gets the outcome of its own write.
                for mut job in jobs.drain(..) {
                    let alone = committer.commit(std::slice::from_mut(&mut job)).await;
                    C::answer(job, alone);
                }
            }
        }
        committer.after_batch(!queue.is_empty());
    }
}

/// Why a submitted item has no result.
#[derive(Debug, thiserror::Error)]
pub enum BatchError<E> {
    /// The commit of the item failed: the item was not stored.
    #[error("the batch could not be committed: {0}")]
    Commit(Arc<E>),
    /// The writer has stopped (the process is shutting down).
    #[error("the writer has stopped")]
    Closed,
}

/// A job of [`GroupCommit`]: the item, its result once committed, and the reply.
struct Pending<T, R, E> {
    item: T,
    result: Option<R>,
    reply: oneshot::Sender<Result<R, BatchError<E>>>,
}

/// [`GroupCommit`]'s committer: the caller's closure.
struct ClosureCommitter<F, T, R, E> {
    commit: F,
    jobs: PhantomData<Pending<T, R, E>>,
}

impl<T, R, E, F, Fut> Committer for ClosureCommitter<F, T, R, E>
where
    T: Clone,
    F: FnMut(Vec<T>) -> Fut,
    Fut: Future<Output = Result<Vec<R>, E>>,
{
    type Job = Pending<T, R, E>;
    type Error = BatchError<E>;

    async fn commit(&mut self, jobs: &mut [Pending<T, R, E>]) -> Result<(), BatchError<E>> {
        // The closure takes the items; they are cloned so that a failed batch can be
        // retried job by job.
        let items: Vec<T> = jobs.iter().map(|j| j.item.clone()).collect();
        let results = (self.commit)(items)
            .await
            .map_err(|e| BatchError::Commit(Arc::new(e)))?;
        // A closure returning the wrong number of results is a bug: the items are
        // stored, but nobody is answered with a result that may not be theirs.
        if results.len() == jobs.len() {
            for (job, result) in jobs.iter_mut().zip(results) {
                job.result = Some(result);
            }
        }
        Ok(())
    }

    fn answer(job: Pending<T, R, E>, result: Result<(), BatchError<E>>) {
        let answer = result.and_then(|()| job.result.ok_or(BatchError::Closed));
        // The caller may have gone (client disconnected): its item is stored all the
        // same.
        let _ = job.reply.send(answer);
    }
}

/// A handle to a group-commit writer task over a closure (see the module
/// documentation). Cloning it is cheap; the task ends when the last handle is dropped
/// and its queue is drained.
pub struct GroupCommit<T, R, E> {
    queue: mpsc::Sender<Pending<T, R, E>>,
}

impl<T, R, E> std::fmt::Debug for GroupCommit<T, R, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit").finish_non_exhaustive()
    }
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
    T: Clone + Send + 'static,
    R: Send + 'static,
    E: Send + Sync + 'static,
{
    /// Spawns the writer on the current Tokio runtime. `commit` stores a batch of at
    /// most `max_batch` items in one transaction and returns one result per item, in
    /// order. At most `queue` items wait; further callers wait to enqueue
    /// (back-pressure). Items are cloned for each attempt: a failed batch is retried
    /// item by item (see the failure policy).
    pub fn spawn<F, Fut>(max_batch: usize, queue: usize, commit: F) -> GroupCommit<T, R, E>
    where
        F: FnMut(Vec<T>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<R>, E>> + Send,
    {
        let (tx, rx) = mpsc::channel(queue.max(1));
        let committer = ClosureCommitter {
            commit,
            jobs: PhantomData,
        };
        tokio::spawn(serve(rx, max_batch, committer));
        GroupCommit { queue: tx }
    }

    /// Submits one item and waits until a commit holding it returned.
    pub async fn submit(&self, item: T) -> Result<R, BatchError<E>> {
        let (reply, answer) = oneshot::channel();
        let job = Pending {
            item,
            result: None,
            reply,
        };
        self.queue.send(job).await.map_err(|_| BatchError::Closed)?;
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
    async fn a_bad_item_fails_alone_and_its_neighbours_commit() {
        let batches = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&batches);
        let (go, wait) = tokio::sync::watch::channel(false);
        let writer: GroupCommit<u32, u32, String> = GroupCommit::spawn(8, 64, move |batch| {
            seen.lock().map(|mut s| s.push(batch.clone())).ok();
            let mut wait = wait.clone();
            async move {
                let _ = wait.wait_for(|ready| *ready).await;
                if batch.contains(&13) {
                    Err("unlucky".to_owned())
                } else {
                    Ok(batch)
                }
            }
        });
        let first = tokio::spawn({
            let w = writer.clone();
            async move { w.submit(1).await }
        });
        while batches.lock().map(|s| s.is_empty()).unwrap_or(true) {
            tokio::task::yield_now().await;
        }
        // Queued while the first batch waits: they form one batch of three.
        let mut tasks = Vec::new();
        for i in [12u32, 13, 14] {
            let w = writer.clone();
            tasks.push(tokio::spawn(async move { (i, w.submit(i).await) }));
        }
        while writer.queue.capacity() > 64 - 3 {
            tokio::task::yield_now().await;
        }
        go.send(true).ok();
        assert_eq!(first.await.ok().and_then(|r| r.ok()), Some(1));
        for t in tasks {
            match t.await.expect("task") {
                (13, Err(BatchError::Commit(e))) => assert_eq!(*e, "unlucky"),
                (i, r) => assert_eq!(r.ok(), Some(i)),
            }
        }
        let batches = batches.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(
            batches,
            vec![vec![1], vec![12, 13, 14], vec![12], vec![13], vec![14]]
        );
    }

    #[tokio::test]
    async fn a_wrong_result_count_answers_nobody_with_a_wrong_result() {
        let writer: GroupCommit<u32, u32, String> =
            GroupCommit::spawn(8, 8, |_batch: Vec<u32>| async move { Ok(Vec::new()) });
        assert!(matches!(writer.submit(1).await, Err(BatchError::Closed)));
    }
}
