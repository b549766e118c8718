//! A token bucket per client (or per API key).
//!
//! Each client (an IPv4 address, or an IPv6 /64 network, since one host commonly holds
//! a whole /64; or an API key's id) has a bucket of `burst` tokens refilled at
//! `per_minute` a minute; a request takes its cost in tokens (one, or more for a batch)
//! or is refused with the time until there are enough. The map
//! is bounded: when it reaches [`MAX_CLIENTS`], buckets that are full again (clients
//! idle long enough) are dropped, and if none is, the oldest half is.
//!
//! Time is passed in, so the limiter is tested without sleeping.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::client::network_key;

/// Most clients tracked at once.
pub const MAX_CLIENTS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The per-client limiter.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<u128, Bucket>>,
}

impl RateLimiter {
    /// `per_minute` requests a minute on average, up to `burst` at once. `per_minute`
    /// 0 turns the limiter off.
    pub fn new(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `ip`'s network at `now`, or returns how long to wait for one.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        self.take(network_key(ip), 1.0, now)
    }

    /// Takes `cost` tokens (at most the burst) for `key` at `now`, or returns how long
    /// to wait for them.
    pub fn take(&self, key: u128, cost: f64, now: Instant) -> Result<(), Duration> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let cost = cost.clamp(1.0, self.burst);
        // A poisoned lock only means another request panicked mid-update: the map is
        // still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&key) {
            self.evict(&mut buckets, now);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.updated = now;
        if bucket.tokens >= cost {
            bucket.tokens -= cost;
            Ok(())
        } else {
            let wait = (cost - bucket.tokens) / self.per_second;
            Err(Duration::from_secs_f64(wait))
        }
    }

    fn evict(&self, buckets: &mut HashMap<u128, Bucket>, now: Instant) {
        let full_after = Duration::from_secs_f64(self.burst / self.per_second);
        buckets.retain(|_, b| now.saturating_duration_since(b.updated) < full_after);
        if buckets.len() >= MAX_CLIENTS {
            let mut times: Vec<Instant> = buckets.values().map(|b| b.updated).collect();
            times.sort_unstable();
            let median = times[times.len() / 2];
            buckets.retain(|_, b| b.updated > median);
        }
    }

    /// Clients tracked now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.buckets.lock().map(|b| b.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::*;

    #[test]
    fn a_burst_then_the_refill_rate() {
        let limiter = RateLimiter::new(60, 3); // one a second, three at once
        let t0 = Instant::now();
        let ip = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, t0), Ok(()));
        }
        let wait = limiter.check(ip, t0).expect_err("the fourth is refused");
        assert!((wait.as_secs_f64() - 1.0).abs() < 1e-6, "{wait:?}");
        // Another client is not affected.
        let other = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
        assert_eq!(limiter.check(other, t0), Ok(()));
        // Half a second later: half a token, still refused, half a second to wait.
        let wait = limiter
            .check(ip, t0 + Duration::from_millis(500))
            .expect_err("refused");
        assert!((wait.as_secs_f64() - 0.5).abs() < 1e-6, "{wait:?}");
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(1)), Ok(()));
        // Idle for long: back to a full burst, never more.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, later), Ok(()));
        }
        assert!(limiter.check(ip, later).is_err());
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        let limiter = RateLimiter::new(60, 1);
        let t0 = Instant::now();
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().expect("ip");
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let c: Ipv6Addr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(limiter.check(IpAddr::V6(a), t0), Ok(()));
        assert!(limiter.check(IpAddr::V6(b), t0).is_err(), "same /64");
        assert_eq!(limiter.check(IpAddr::V6(c), t0), Ok(()));
        // An IPv4-mapped address is its IPv4 address.
        let mapped: Ipv6Addr = "::ffff:192.0.2.1".parse().expect("ip");
        assert!(limiter.check(IpAddr::V6(mapped), t0).is_ok());
        assert!(
            limiter
                .check(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), t0)
                .is_err(),
            "a mapped address is its IPv4 address"
        );
    }

    #[test]
    fn a_batch_costs_more_but_never_more_than_a_burst() {
        let limiter = RateLimiter::new(60, 10);
        let t0 = Instant::now();
        assert_eq!(limiter.take(7, 8.0, t0), Ok(()));
        let wait = limiter.take(7, 5.0, t0).expect_err("2 tokens left");
        assert!((wait.as_secs_f64() - 3.0).abs() < 1e-6, "{wait:?}");
        // A cost above the burst is charged as the burst, so it can ever pass.
        assert_eq!(limiter.take(8, 1000.0, t0), Ok(()));
    }

    #[test]
    fn zero_turns_it_off() {
        let limiter = RateLimiter::new(0, 1);
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let t0 = Instant::now();
        for _ in 0..1000 {
            assert_eq!(limiter.check(ip, t0), Ok(()));
        }
        assert_eq!(limiter.len(), 0);
    }

    #[test]
    fn the_map_is_bounded() {
        let limiter = RateLimiter::new(60, 5);
        let t0 = Instant::now();
        for i in 0..MAX_CLIENTS as u32 {
            let _ = limiter.check(IpAddr::V4(Ipv4Addr::from(i)), t0);
        }
        assert_eq!(limiter.len(), MAX_CLIENTS);
        // Ten seconds later the first buckets are full again and can go.
        let later = t0 + Duration::from_secs(10);
        let _ = limiter.check(IpAddr::V4(Ipv4Addr::from(u32::MAX)), later);
        assert_eq!(limiter.len(), 1);
    }
}
