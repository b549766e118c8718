//! "Did we send this?" (issue 14): the keyed fingerprints of the messages the exchange
//! sent (see the `provenance` crate), written once for both engines. No text, user id
//! or link is ever stored; a fingerprint already names the user and the message.

use std::collections::HashMap;

use crate::StoreError;
use crate::engine::{Engine as _, EngineStore, multi_row, query, rows_per_statement};

/// Most fingerprints in one [`SentStore::register_sent`] or [`SentStore::find_sent`]
/// (1,000 messages and their links).
pub const MAX_FINGERPRINTS: usize = 20_000;

/// What a fingerprint is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentKind {
    /// A whole normalized message.
    Text,
    /// One normalized link of a message.
    Link,
}

impl SentKind {
    fn as_str(self) -> &'static str {
        match self {
            SentKind::Text => "text",
            SentKind::Link => "link",
        }
    }

    fn parse(s: &str) -> Option<SentKind> {
        match s {
            "text" => Some(SentKind::Text),
            "link" => Some(SentKind::Link),
            _ => None,
        }
    }
}

/// One fingerprint of a sent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentFingerprint {
    /// The keyed fingerprint (16 bytes).
    pub fingerprint: [u8; 16],
    /// The id of the user key it was made with.
    pub key_id: u16,
    /// Text or link.
    pub kind: SentKind,
    /// The channel it was sent on (`sms`, `email`, `app`, …).
    pub channel: String,
    /// When it was sent, Unix seconds.
    pub sent_at: i64,
    /// When it is forgotten, Unix seconds.
    pub expires_at: i64,
}

/// The fingerprints of sent messages.
#[async_trait::async_trait]
pub trait SentStore: Send + Sync {
    /// Stores fingerprints in one transaction; the same fingerprint again (a message
    /// sent twice) keeps the latest sending and the later expiry. Returns how many
    /// fingerprints were new.
    async fn register_sent(&self, rows: &[SentFingerprint]) -> Result<u64, StoreError>;

    /// The stored fingerprints among `candidates` that have not expired at `now`.
    async fn find_sent(
        &self,
        candidates: &[[u8; 16]],
        now: i64,
    ) -> Result<Vec<SentFingerprint>, StoreError>;

    /// Forgets the fingerprints expired at `now`; returns how many.
    async fn expire_sent(&self, now: i64) -> Result<u64, StoreError>;
}

type SentRow = (Vec<u8>, i32, String, String, i64, i64);

fn from_row(row: SentRow) -> Result<SentFingerprint, StoreError> {
    let (fp, key_id, kind, channel, sent_at, expires_at) = row;
    let corrupt = || StoreError::Corrupt("sent_messages: a malformed row".into());
    Ok(SentFingerprint {
        fingerprint: fp.as_slice().try_into().map_err(|_| corrupt())?,
        key_id: u16::try_from(key_id).map_err(|_| corrupt())?,
        kind: SentKind::parse(&kind).ok_or_else(corrupt)?,
        channel,
        sent_at,
        expires_at,
    })
}

fn too_many(n: usize) -> StoreError {
    StoreError::InvalidInput(format!(
        "{n} fingerprints in one call; the limit is {MAX_FINGERPRINTS}"
    ))
}

#[async_trait::async_trait]
impl<S: EngineStore> SentStore for S {
    async fn register_sent(&self, rows: &[SentFingerprint]) -> Result<u64, StoreError> {
        if rows.len() > MAX_FINGERPRINTS {
            return Err(too_many(rows.len()));
        }
        if let Some(bad) = rows.iter().find(|r| r.channel.is_empty()) {
            return Err(StoreError::InvalidInput(format!(
                "a sent message needs a channel (sent at {})",
                bad.sent_at
            )));
        }
        // One row per fingerprint (PostgreSQL refuses to update a row twice in one
        // statement): the latest sending wins.
        let mut latest: HashMap<[u8; 16], &SentFingerprint> = HashMap::new();
        for r in rows {
            let keep = latest
                .get(&r.fingerprint)
                .is_none_or(|old| r.sent_at >= old.sent_at);
            if keep {
                latest.insert(r.fingerprint, r);
            }
        }
        let mut unique: Vec<&SentFingerprint> = latest.into_values().collect();
        unique.sort_by_key(|r| r.fingerprint);
        let mut tx = self.begin_write().await?;
        let mut added = 0u64;
        for chunk in unique.chunks(rows_per_statement::<S::Engine>(6)) {
            let fps: Vec<Vec<u8>> = chunk.iter().map(|r| r.fingerprint.to_vec()).collect();
            let known = existing::<S::Engine>(&mut tx, &fps).await?;
            added += (chunk.len() - known) as u64;
            let sql = multi_row::<S::Engine>(
                "INSERT INTO sent_messages \
                 (fingerprint, key_id, kind, channel, sent_at, expires_at) VALUES ",
                "(?,?,?,?,?,?)",
                chunk.len(),
                " ON CONFLICT (fingerprint) DO UPDATE SET \
                 key_id = excluded.key_id, kind = excluded.kind, \
                 channel = CASE WHEN excluded.sent_at >= sent_messages.sent_at \
                     THEN excluded.channel ELSE sent_messages.channel END, \
                 sent_at = CASE WHEN excluded.sent_at >= sent_messages.sent_at \
                     THEN excluded.sent_at ELSE sent_messages.sent_at END, \
                 expires_at = CASE WHEN excluded.expires_at >= sent_messages.expires_at \
                     THEN excluded.expires_at ELSE sent_messages.expires_at END",
            );
            let mut q = query::<S::Engine>(sqlx::AssertSqlSafe(sql));
            for (r, fp) in chunk.iter().zip(&fps) {
                q = q
                    .bind(fp.clone())
                    .bind(i32::from(r.key_id))
                    .bind(r.kind.as_str())
                    .bind(r.channel.clone())
                    .bind(r.sent_at)
                    .bind(r.expires_at);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    async fn find_sent(
        &self,
        candidates: &[[u8; 16]],
        now: i64,
    ) -> Result<Vec<SentFingerprint>, StoreError> {
        if candidates.len() > MAX_FINGERPRINTS {
            return Err(too_many(candidates.len()));
        }
        let mut out = Vec::new();
        for chunk in candidates.chunks(rows_per_statement::<S::Engine>(1)) {
            let mut sql = multi_row::<S::Engine>(
                "SELECT fingerprint, key_id, kind, channel, sent_at, expires_at \
                 FROM sent_messages WHERE fingerprint IN (",
                "?",
                chunk.len(),
                ") AND expires_at > ",
            );
            S::Engine::placeholder(&mut sql, chunk.len() + 1);
            let mut q = query::<S::Engine>(sqlx::AssertSqlSafe(sql));
            for fp in chunk {
                q = q.bind(fp.to_vec());
            }
            q = q.bind(now);
            let rows: Vec<SentRow> = q.fetch_all(self.read_pool()).await?;
            for row in rows {
                out.push(from_row(row)?);
            }
        }
        Ok(out)
    }

    async fn expire_sent(&self, now: i64) -> Result<u64, StoreError> {
        Ok(
            query::<S::Engine>("DELETE FROM sent_messages WHERE expires_at <= $1")
                .bind(now)
                .execute(self.write_pool())
                .await?,
        )
    }
}

/// How many of `fps` are stored already.
async fn existing<E: crate::engine::Engine>(
    tx: &mut crate::engine::Tx<E>,
    fps: &[Vec<u8>],
) -> Result<usize, StoreError> {
    let sql = multi_row::<E>(
        "SELECT count(*) FROM sent_messages WHERE fingerprint IN (",
        "?",
        fps.len(),
        ")",
    );
    let mut q = query::<E>(sqlx::AssertSqlSafe(sql));
    for fp in fps {
        q = q.bind(fp.clone());
    }
    let n: i64 = q.scalar(&mut **tx).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}
