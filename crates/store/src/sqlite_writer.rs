//! The screening writer of the SQLite engine: one OS thread that owns its own
//! connection and runs whole batches of screenings and outcomes synchronously.
//!
//! Why a thread of its own rather than sqlx: sqlx runs every SQLite connection on a
//! worker thread and each statement is a round trip through a channel to it, so a
//! screening cost several thread hand-offs (history read, insert, commit, each awaited
//! by a task). At 5,000 screenings a second those hand-offs, not SQLite, were most of
//! the server's CPU (`perf`: 70 % kernel time, mostly `finish_task_switch`) and set its
//! p99 latency. Here a request costs one hand-off each way: it queues a [`Job`] and
//! awaits its answer; the thread wakes once per batch, and inside one `BEGIN IMMEDIATE`
//! transaction reads each user's history, chooses the campaign
//! ([`campaign::choose`]), inserts the screening and its friction step if it has one,
//! then commits (one fsync with `synchronous = FULL`)
//! and only then answers. Reading the history in the transaction that inserts also
//! means two screenings of one user always get different exposure numbers.
//!
//! The batching and the failure policy are the crate's one group-commit loop,
//! [`crate::batch::serve`], which this thread runs on a single-threaded Tokio runtime of
//! its own (parking between batches as `blocking_recv` did): a batch that fails is
//! rolled back and its jobs are retried one transaction each, so each request gets its
//! own answer and a bad row cannot fail its neighbours. The thread ends when the last
//! [`ScreeningWriter`] handle is dropped and its queue is drained.
//!
//! Other writes (campaigns, reports, imports) stay on the sqlx write pool: they are
//! rare or batched already, and SQLite serializes the two writers with its file lock
//! (`busy_timeout`).
//!
//! # Checkpoints in the writer's idle moments
//!
//! SQLite's automatic checkpoint runs inside the commit that pushes the WAL past 1,000
//! pages: that batch and every request queued behind it wait while pages are copied
//! into the database file and it is fsynced. A screening dirties about four pages
//! (random user-keyed index leaves), so at 5,000 screenings/s that was ~19
//! checkpoints a second of 3–6 ms each: the writer stalled ~8 % of the time, which
//! was the whole p99 tail (measured by timing each batch). So the automatic checkpoint
//! is replaced (a WAL hook tracks the WAL's size): the writer checkpoints itself, after
//! answering a batch, when its queue is empty and the WAL holds at least
//! [`IDLE_CHECKPOINT_FRAMES`]: small checkpoints in gaps between requests, so few
//! requests wait and not for long. Under a load that leaves no gap, it checkpoints
//! anyway past [`FORCE_CHECKPOINT_FRAMES`]. The writer's own checkpoint is complete
//! (no other writer appends meanwhile), so the next commit restarts the WAL from its
//! beginning and the file stays small.
//!
//! A checkpoint thread of its own was tried and dropped: it cannot restart a WAL whose
//! writer never pauses without the writer's help, and its copying and database fsync
//! competed with the writer for the two cores and the disk (p99 rose; BENCHMARKS.md).

use std::cell::Cell;
use std::ffi::c_int;
use std::path::Path;
use std::time::Duration;

use campaign::{History, Screening, UserKey};
use rusqlite::hooks::Wal;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Statement, params};
use tokio::sync::{mpsc, oneshot};

use crate::StoreError;
use crate::campaigns::{MAX_BATCH, Screened, ScreeningDraft, arm_column, day_of};
use crate::friction::Friction;

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

/// A write for the thread, with where to send its answer. A job holds its own result
/// until the commit (the chosen campaign in the draft, the outcome bits), so a job
/// retried alone after a failed batch simply recomputes it.
enum Job {
    /// Store this screening as it is.
    Insert(Box<Screening>, Reply<()>),
    /// Choose the screening's campaign (set in the draft's screening), then store it
    /// and the friction step it starts (kept beside the draft).
    Choose(Box<(ScreeningDraft, Option<Friction>)>, Reply<Screened>),
    /// Add an outcome bit to a screening; `bits` is the screening's outcome bits after
    /// it, `None` if there is no such screening.
    Outcome {
        id: String,
        bit: u8,
        at: i64,
        bits: Option<u8>,
        reply: Reply<Option<u8>>,
    },
    /// Writes nothing: an empty write transaction, to check the writer can take the
    /// lock and commit ([`crate::Store::probe_write`]).
    Probe(Reply<()>),
}

impl Job {
    /// Sends the answer once the job's batch has committed, or the error (the caller
    /// may have gone: its write is stored all the same).
    fn answer(self, result: Result<(), StoreError>) {
        match self {
            Job::Insert(_, reply) => {
                let _ = reply.send(result);
            }
            Job::Choose(job, reply) => {
                let (draft, friction) = *job;
                let _ = reply.send(result.map(|()| Screened {
                    screening: draft.screening,
                    friction,
                }));
            }
            Job::Outcome { bits, reply, .. } => {
                let _ = reply.send(result.map(|()| bits));
            }
            Job::Probe(reply) => {
                let _ = reply.send(result);
            }
        }
    }
}

/// The handle of the writer thread. Cloning it is cheap.
#[derive(Clone)]
pub(crate) struct ScreeningWriter(mpsc::Sender<Job>);

impl std::fmt::Debug for ScreeningWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScreeningWriter")
    }
}

/// How long a statement waits for the write lock held by another connection.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// WAL size (frames, i.e. pages) from which the writer checkpoints when idle.
const IDLE_CHECKPOINT_FRAMES: i32 = 256;

/// WAL size from which the writer checkpoints between two batches even when requests
/// are waiting (the same as SQLite's automatic threshold).
const FORCE_CHECKPOINT_FRAMES: i32 = 1_000;

thread_local! {
    /// The WAL's size after the writer thread's last commit (from the WAL hook, which
    /// runs on the committing thread).
    static WAL_FRAMES: Cell<i32> = const { Cell::new(0) };
}

fn note_wal_size(_: &Wal, frames: c_int) -> rusqlite::Result<()> {
    WAL_FRAMES.with(|f| f.set(frames));
    Ok(())
}

impl ScreeningWriter {
    /// Opens the database at `uri` (a file path, or a `file:` URI for the shared
    /// in-memory database) on a new thread. The schema must already be migrated.
    pub(crate) fn start(uri: &Path, memory: bool) -> Result<ScreeningWriter, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The file is already in WAL mode (set by the sqlx writer); these are
        // per-connection. The in-memory database keeps its journal in memory.
        if memory {
            conn.execute_batch("PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = ON;")?;
        } else {
            conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
            // Replaces the automatic checkpoint: see the module documentation.
            conn.wal_hook(Some(note_wal_size));
        }
        let (tx, rx) = mpsc::channel(8 * MAX_BATCH);
        let (ready, started) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("antiscam-screenings".into())
            .spawn(move || run(&conn, rx, &ready))
            .map_err(StoreError::Thread)?;
        // The statements are prepared on the thread (they borrow its connection): a
        // schema they do not fit fails the open, not every request.
        started.recv().map_err(|_| StoreError::WriterStopped)??;
        Ok(ScreeningWriter(tx))
    }

    /// Sends a job and waits for its answer.
    async fn submit<T>(&self, job: impl FnOnce(Reply<T>) -> Job) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.0
            .send(job(reply))
            .await
            .map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }

    /// Stores a screening as given. Durable when it returns.
    pub(crate) async fn insert(&self, screening: Screening) -> Result<(), StoreError> {
        self.submit(|reply| Job::Insert(Box::new(screening), reply))
            .await
    }

    /// Chooses the draft's campaign and stores the screening. Durable when it returns.
    pub(crate) async fn screen(&self, draft: ScreeningDraft) -> Result<Screened, StoreError> {
        self.submit(|reply| Job::Choose(Box::new((draft, None)), reply))
            .await
    }

    /// Runs an empty write transaction on the writer's connection.
    pub(crate) async fn probe(&self) -> Result<(), StoreError> {
        self.submit(Job::Probe).await
    }

    /// Adds an outcome; the screening's bits now, `None` if there is no such screening.
    pub(crate) async fn outcome(
        &self,
        id: String,
        bit: u8,
        at: i64,
    ) -> Result<Option<u8>, StoreError> {
        self.submit(|reply| Job::Outcome {
            id,
            bit,
            at,
            bits: None,
            reply,
        })
        .await
    }
}

/// The statements a batch runs, prepared once for the thread's life.
struct Statements<'c> {
    conn: &'c Connection,
    history: Statement<'c>,
    screening: Statement<'c>,
    member: Statement<'c>,
    friction: Statement<'c>,
    outcome: Statement<'c>,
}

impl<'c> Statements<'c> {
    fn prepare(conn: &'c Connection) -> rusqlite::Result<Statements<'c>> {
        Ok(Statements {
            conn,
            history: conn.prepare(
                "SELECT count(created_at), COALESCE(sum(created_at >= ?3), 0) \
                 FROM screenings INDEXED BY screenings_user \
                 WHERE user_hash = ?1 AND campaign_id = ?2 AND arm IS NOT NULL",
            )?,
            screening: conn.prepare(
                "INSERT INTO screenings (id, user_hash, region, locale, decision, \
                 risk_level, risk_score, signals, amount_usd, campaign_id, arm, variant, \
                 exposure, shown, outcomes, outcome_at, created_at, day, user_key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, \
                 NULL, ?15, ?16, ?17)",
            )?,
            member: conn.prepare(
                "INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at, user_key) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (campaign_id, user_hash) DO NOTHING",
            )?,
            friction: conn.prepare(crate::friction::INSERT)?,
            outcome: conn.prepare(
                "UPDATE screenings SET outcomes = outcomes | ?1, \
                 outcome_at = COALESCE(outcome_at, ?2) WHERE id = ?3 RETURNING outcomes",
            )?,
        })
    }

    fn history(
        &mut self,
        campaign_id: i64,
        user: &UserKey,
        since: i64,
    ) -> rusqlite::Result<History> {
        let (total, in_window): (i64, i64) = self
            .history
            .query_row(params![&user[..], campaign_id, since], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(History {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            in_window: u32::try_from(in_window).unwrap_or(u32::MAX),
        })
    }

    fn insert(&mut self, s: &Screening) -> rusqlite::Result<()> {
        let c = s.campaign.as_ref();
        self.screening.execute(params![
            s.id,
            &s.user[..],
            s.region.as_str(),
            s.locale.as_str(),
            s.decision.as_str(),
            s.risk_level.as_str(),
            i64::from(s.risk_score),
            i64::from(s.signals),
            s.amount_usd,
            c.map(|c| c.campaign_id),
            c.and_then(|c| c.arm).map(arm_column),
            c.map(|c| c.variant.as_str()),
            c.map(|c| i64::from(c.exposure)),
            c.is_some_and(|c| c.shown),
            s.created_at,
            day_of(s.created_at),
            i64::from(s.user_key),
        ])?;
        if let Some(c) = c
            && let Some(arm) = c.arm
        {
            self.member.execute(params![
                c.campaign_id,
                &s.user[..],
                arm_column(arm),
                s.created_at,
                i64::from(s.user_key)
            ])?;
        }
        Ok(())
    }

    fn apply(&mut self, job: &mut Job) -> rusqlite::Result<()> {
        match job {
            Job::Insert(s, _) => self.insert(s),
            Job::Choose(job, _) => {
                let (d, friction) = &mut **job;
                let s = &d.screening;
                let chosen = campaign::choose(
                    &d.candidates,
                    &s.user,
                    &d.risk,
                    s.created_at,
                    |campaign_id, since| self.history(campaign_id, &s.user, since),
                )?;
                d.screening.campaign = chosen;
                self.insert(&d.screening)?;
                *friction = Friction::started(d);
                if let Some(f) = friction {
                    let c = f.columns();
                    self.friction.execute(params![
                        c.screening_id,
                        c.campaign_id,
                        c.variant,
                        c.user_hash,
                        c.locale,
                        c.step,
                        c.state,
                        c.risk_score,
                        c.hold_hours,
                        c.held_at,
                        c.release_at,
                        c.contact_hash,
                        c.contact_key,
                        c.contact_consent,
                        c.contact_notified,
                        c.created_at,
                        c.closed_at,
                    ])?;
                }
                Ok(())
            }
            Job::Outcome {
                id, bit, at, bits, ..
            } => {
                let now: Option<i64> = self
                    .outcome
                    .query_row(params![i64::from(*bit), *at, id.as_str()], |r| r.get(0))
                    .optional()?;
                *bits = now.and_then(|b| u8::try_from(b).ok());
                Ok(())
            }
            Job::Probe(_) => Ok(()),
        }
    }

    /// Runs `jobs` in one transaction and commits it; rolls back on any error.
    fn batch(&mut self, jobs: &mut [Job]) -> rusqlite::Result<()> {
        // A transaction left open by an earlier failure (a ROLLBACK that itself failed
        // on a full disk) would make this BEGIN fail forever: end it first. If it
        // cannot be ended yet, this batch fails and the next one tries again.
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        for job in jobs {
            if let Err(e) = self.apply(job) {
                // Leaves no transaction open; the statement's own error is what the
                // caller needs.
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            return Err(e);
        }
        Ok(())
    }
}

impl crate::batch::Committer for Statements<'_> {
    type Job = Job;
    type Error = rusqlite::Error;

    async fn commit(&mut self, jobs: &mut [Job]) -> rusqlite::Result<()> {
        self.batch(jobs)
    }

    fn answer(job: Job, result: rusqlite::Result<()>) {
        job.answer(result.map_err(StoreError::from));
    }

    /// Every request of the batch is answered: checkpoint now if the WAL is big enough
    /// and nobody is waiting, or if it is too big to wait longer.
    fn after_batch(&mut self, waiting: bool) {
        let frames = WAL_FRAMES.with(Cell::get);
        if frames >= FORCE_CHECKPOINT_FRAMES || (frames >= IDLE_CHECKPOINT_FRAMES && !waiting) {
            // A checkpoint that cannot finish (a reader holds old pages) is tried again
            // after the next batch.
            if self
                .conn
                .execute_batch("PRAGMA wal_checkpoint(PASSIVE)")
                .is_ok()
            {
                WAL_FRAMES.with(|f| f.set(0));
            }
        }
    }
}

/// The writer thread: prepares its statements, tells `start` whether that worked,
/// then serves batches until every handle is dropped.
fn run(
    conn: &Connection,
    rx: mpsc::Receiver<Job>,
    ready: &std::sync::mpsc::SyncSender<Result<(), StoreError>>,
) {
    // The loop awaits its queue; this thread only ever runs it, so a current-thread
    // runtime without I/O or timers is all it needs.
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(r) => r,
        Err(e) => {
            let _ = ready.send(Err(StoreError::Thread(e)));
            return;
        }
    };
    let statements = match Statements::prepare(conn) {
        Ok(s) => {
            let _ = ready.send(Ok(()));
            s
        }
        Err(e) => {
            let _ = ready.send(Err(e.into()));
            return;
        }
    };
    runtime.block_on(crate::batch::serve(rx, MAX_BATCH, statements));
}
