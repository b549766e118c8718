//! The one clock and the one source of randomness, passed in: use cases never read the
//! system's time or randomness themselves, so tests fix both.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The time.
pub trait Clock: Send + Sync {
    /// Now, Unix microseconds.
    fn now_micros(&self) -> i64;

    /// Now, Unix seconds.
    fn now(&self) -> i64 {
        self.now_micros().div_euclid(1_000_000)
    }
}

/// The system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_micros(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
    }
}

/// A clock that stands still until moved (tests, simulations).
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock at `secs`, Unix seconds.
    pub fn at(secs: i64) -> FixedClock {
        FixedClock(AtomicI64::new(secs.saturating_mul(1_000_000)))
    }

    /// Moves it to `secs`.
    pub fn set(&self, secs: i64) {
        self.0
            .store(secs.saturating_mul(1_000_000), Ordering::Relaxed);
    }
}

impl Clock for FixedClock {
    fn now_micros(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Where secrets and identifiers (API keys, references, screening ids) get their
/// randomness.
pub trait Random: Send + Sync {
    /// Fills `buf`; fails only when the system has no randomness.
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error>;
}

/// The operating system's randomness (`getrandom`).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error> {
        getrandom::fill(buf).map_err(|e| crate::Error::Internal(format!("no randomness: {e}")))
    }
}

/// A deterministic sequence (tests, simulations): never for secrets in production.
#[derive(Debug, Default)]
pub struct SeqRandom(AtomicU64);

impl SeqRandom {
    /// A sequence starting at `seed`.
    pub fn new(seed: u64) -> SeqRandom {
        SeqRandom(AtomicU64::new(seed))
    }
}

impl Random for SeqRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), crate::Error> {
        for chunk in buf.chunks_mut(8) {
            // SplitMix64: distinct, well-spread values from a counter.
            let mut z = self
                .0
                .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
                .wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_clock_moves_only_when_told() {
        let c = FixedClock::at(1_700_000_000);
        assert_eq!(c.now(), 1_700_000_000);
        c.set(1_700_000_060);
        assert_eq!(c.now(), 1_700_000_060);
        assert_eq!(c.now_micros(), 1_700_000_060_000_000);
    }

    #[test]
    fn the_sequence_does_not_repeat() {
        let r = SeqRandom::new(7);
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        r.fill(&mut a).expect("fill");
        r.fill(&mut b).expect("fill");
        assert_ne!(a, b);
        assert_ne!(a, [0u8; 32]);
    }
}
