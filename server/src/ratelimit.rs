//! Per-client token buckets for inbox writes: a client may send a burst, then writes at
//! the refill rate. Protects the disk (every write is an fsync) and the survey results
//! from one misbehaving or malicious client.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many clients, buckets that are full again are forgotten.
const PRUNE_AT: usize = 10_000;

pub struct RateLimiter {
    per_sec: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `per_minute` = 0 turns the limit off.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_sec: per_minute as f64 / 60.0,
            burst: burst.max(1) as f64,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client`, or says how long until one is available.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        self.check_at(client, Instant::now())
    }

    /// Whether `client` has a token left, without taking it.
    pub fn peek(&self, client: IpAddr) -> Result<(), Duration> {
        self.take(client, Instant::now(), false)
    }

    fn check_at(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        self.take(client, now, true)
    }

    fn take(&self, client: IpAddr, now: Instant, consume: bool) -> Result<(), Duration> {
        if self.per_sec <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= PRUNE_AT {
            let full_after = Duration::from_secs_f64(self.burst / self.per_sec);
            buckets.retain(|_, b| now.duration_since(b.at) < full_after);
        }
        let bucket = buckets.entry(key(client)).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_sec).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            if consume {
                bucket.tokens -= 1.0;
            }
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / self.per_sec,
            ))
        }
    }
}

/// One IPv6 subscriber usually has a whole /64, so that is one client.
fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// Retry-After in whole seconds, never 0 (0 would invite an immediate retry).
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let limiter = RateLimiter::new(60, 3);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let t = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at(ip, t).is_ok());
        }
        let wait = limiter.check_at(ip, t).unwrap_err();
        assert_eq!(retry_after_secs(wait), 1);
        assert!(limiter.check_at("10.0.0.2".parse().unwrap(), t).is_ok());
        assert!(limiter
            .check_at(ip, t + Duration::from_millis(1000))
            .is_ok());
        assert!(limiter
            .check_at(ip, t + Duration::from_millis(1000))
            .is_err());
    }

    #[test]
    fn one_ipv6_subnet_is_one_client() {
        let limiter = RateLimiter::new(60, 1);
        let t = Instant::now();
        assert!(limiter.check_at("2001:db8::1".parse().unwrap(), t).is_ok());
        assert!(limiter.check_at("2001:db8::2".parse().unwrap(), t).is_err());
    }

    #[test]
    fn zero_means_off() {
        let limiter = RateLimiter::new(0, 1);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!((0..100).all(|_| limiter.check(ip).is_ok()));
    }
}
