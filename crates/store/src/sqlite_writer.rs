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
//! ([`campaign::choose`]), inserts, then commits (one fsync with `synchronous = FULL`)
//! and only then answers. Reading the history in the transaction that inserts also
//! means two screenings of one user always get different exposure numbers.
//!
//! A batch that fails is rolled back and its jobs are retried one transaction each, so
//! each request gets its own answer and a bad row cannot fail its neighbours. The
//! thread ends when the last [`ScreeningWriter`] handle is dropped and its queue is
//! drained.
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

use campaign::{CampaignScreening, History, Screening, UserKey};
use rusqlite::hooks::Wal;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Statement, params};
use tokio::sync::{mpsc, oneshot};

use crate::StoreError;
use crate::campaigns::{MAX_BATCH, ScreeningDraft, arm_column, day_of};

/// A write for the thread.
enum Op {
    /// Store this screening as it is.
    Insert(Box<Screening>),
    /// Choose the screening's campaign, then store it.
    Choose(Box<ScreeningDraft>),
    /// Add an outcome bit to a screening.
    Outcome { id: String, bit: u8, at: i64 },
}

/// What a write did, before the commit.
enum Done {
    Stored,
    Chosen(Option<CampaignScreening>),
    /// The screening's outcome bits now, or `None` if there is no such screening.
    Outcome(Option<u8>),
}

/// The answer to a job.
pub(crate) enum Answer {
    Stored,
    Screened(Box<Screening>),
    Outcome(Option<u8>),
}

struct Job {
    op: Op,
    reply: oneshot::Sender<Result<Answer, StoreError>>,
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
        spawn("antiscam-screenings", move || run(&conn, rx))?;
        Ok(ScreeningWriter(tx))
    }

    async fn submit(&self, op: Op) -> Result<Answer, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.0
            .send(Job { op, reply })
            .await
            .map_err(|_| StoreError::WriterStopped)?;
        answer.await.map_err(|_| StoreError::WriterStopped)?
    }

    /// Stores a screening as given. Durable when it returns.
    pub(crate) async fn insert(&self, screening: Screening) -> Result<(), StoreError> {
        self.submit(Op::Insert(Box::new(screening)))
            .await
            .map(|_| ())
    }

    /// Chooses the draft's campaign and stores the screening. Durable when it returns.
    pub(crate) async fn screen(&self, draft: ScreeningDraft) -> Result<Screening, StoreError> {
        match self.submit(Op::Choose(Box::new(draft))).await? {
            Answer::Screened(s) => Ok(*s),
            Answer::Stored | Answer::Outcome(_) => Err(StoreError::WriterStopped),
        }
    }

    /// Adds an outcome; the screening's bits now, `None` if there is no such screening.
    pub(crate) async fn outcome(
        &self,
        id: String,
        bit: u8,
        at: i64,
    ) -> Result<Option<u8>, StoreError> {
        match self.submit(Op::Outcome { id, bit, at }).await? {
            Answer::Outcome(bits) => Ok(bits),
            Answer::Stored | Answer::Screened(_) => Err(StoreError::WriterStopped),
        }
    }
}

/// The statements a batch runs, prepared once for the thread's life.
struct Statements<'c> {
    conn: &'c Connection,
    history: Statement<'c>,
    screening: Statement<'c>,
    member: Statement<'c>,
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
                 exposure, shown, outcomes, outcome_at, created_at, day) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, \
                 NULL, ?15, ?16)",
            )?,
            member: conn.prepare(
                "INSERT INTO campaign_users (campaign_id, user_hash, arm, first_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (campaign_id, user_hash) DO NOTHING",
            )?,
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

    fn insert(&mut self, s: &Screening, c: Option<&CampaignScreening>) -> rusqlite::Result<()> {
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
        ])?;
        if let Some(c) = c
            && let Some(arm) = c.arm
        {
            self.member.execute(params![
                c.campaign_id,
                &s.user[..],
                arm_column(arm),
                s.created_at
            ])?;
        }
        Ok(())
    }

    fn apply(&mut self, op: &Op) -> rusqlite::Result<Done> {
        Ok(match op {
            Op::Insert(s) => {
                self.insert(s, s.campaign.as_ref())?;
                Done::Stored
            }
            Op::Choose(d) => {
                let s = &d.screening;
                let chosen = campaign::choose(
                    &d.candidates,
                    &s.user,
                    &d.risk,
                    s.created_at,
                    |campaign_id, since| self.history(campaign_id, &s.user, since),
                )?;
                self.insert(s, chosen.as_ref())?;
                Done::Chosen(chosen)
            }
            Op::Outcome { id, bit, at } => {
                let bits: Option<i64> = self
                    .outcome
                    .query_row(params![i64::from(*bit), at, id], |r| r.get(0))
                    .optional()?;
                Done::Outcome(bits.and_then(|b| u8::try_from(b).ok()))
            }
        })
    }

    /// Runs `jobs` in one transaction and commits it; rolls back on any error.
    fn batch(&mut self, jobs: &[Job]) -> rusqlite::Result<Vec<Done>> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut done = Vec::with_capacity(jobs.len());
        for job in jobs {
            match self.apply(&job.op) {
                Ok(d) => done.push(d),
                Err(e) => {
                    // Leaves no transaction open; the statement's own error is what
                    // the caller needs.
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            return Err(e);
        }
        Ok(done)
    }
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> Result<(), StoreError> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .map(|_| ())
        .map_err(|e| StoreError::InvalidInput(format!("cannot start the thread {name}: {e}")))
}

fn run(conn: &Connection, mut rx: mpsc::Receiver<Job>) {
    let mut statements = match Statements::prepare(conn) {
        Ok(s) => s,
        Err(e) => {
            // Answer every job with the error until the store is dropped.
            let e = e.to_string();
            while let Some(job) = rx.blocking_recv() {
                let _ = job
                    .reply
                    .send(Err(StoreError::Corrupt(format!("screenings: {e}"))));
            }
            return;
        }
    };
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    while let Some(job) = rx.blocking_recv() {
        jobs.push(job);
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        match statements.batch(&jobs) {
            Ok(done) => {
                for (job, done) in jobs.drain(..).zip(done) {
                    answer(job, Ok(done));
                }
            }
            Err(_) => {
                for job in jobs.drain(..) {
                    let one = statements
                        .batch(std::slice::from_ref(&job))
                        .map_err(StoreError::from)
                        .and_then(|mut d| d.pop().ok_or(StoreError::WriterStopped));
                    answer(job, one);
                }
            }
        }
        // Every request of the batch is answered; checkpoint now if the WAL is big
        // enough and nobody is waiting, or if it is too big to wait longer.
        let frames = WAL_FRAMES.with(Cell::get);
        if frames >= FORCE_CHECKPOINT_FRAMES || (frames >= IDLE_CHECKPOINT_FRAMES && rx.is_empty())
        {
            // A checkpoint that cannot finish (a reader holds old pages) is tried again
            // after the next batch.
            if conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)").is_ok() {
                WAL_FRAMES.with(|f| f.set(0));
            }
        }
    }
}

/// Sends a committed job's answer (the caller may have gone: its write is stored all
/// the same).
fn answer(job: Job, done: Result<Done, StoreError>) {
    let result = done.map(|d| match (job.op, d) {
        (Op::Choose(draft), Done::Chosen(chosen)) => {
            let mut s = draft.screening;
            s.campaign = chosen;
            Answer::Screened(Box::new(s))
        }
        (_, Done::Outcome(bits)) => Answer::Outcome(bits),
        (_, Done::Stored | Done::Chosen(_)) => Answer::Stored,
    });
    let _ = job.reply.send(result);
}
