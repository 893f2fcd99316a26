//! Per-client token buckets: a client may send a burst, then goes at the refill rate. One
//! limiter for inbox writes (every write is an fsync; one client must not flood the disk
//! or the survey results) and one for failed dossier lookups (guessing access codes).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many clients a limiter remembers. At about 64 bytes each that is a few MB.
pub const MAX_CLIENTS: usize = 100_000;
/// How often buckets that are full again are forgotten; also the wait told to a new
/// client while the map is full, since room appears no sooner.
pub const PRUNE_EVERY: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    inner: Arc<Inner>,
}

struct Inner {
    per_sec: f64,
    burst: f64,
    max_clients: usize,
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
        Self::with_capacity(per_minute, burst, MAX_CLIENTS)
    }

    fn with_capacity(per_minute: u32, burst: u32, max_clients: usize) -> Self {
        Self {
            inner: Arc::new(Inner {
                per_sec: per_minute as f64 / 60.0,
                burst: burst.max(1) as f64,
                max_clients,
                buckets: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Starts forgetting full buckets every `PRUNE_EVERY` on the current tokio runtime, so
    /// no request ever pays for a scan of the map. The task ends with the limiter.
    pub fn pruned(self) -> Self {
        self.prune_every(PRUNE_EVERY);
        self
    }

    fn prune_every(&self, every: Duration) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        if self.inner.per_sec <= 0.0 {
            return;
        }
        let inner = Arc::downgrade(&self.inner);
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(inner) = inner.upgrade() else {
                    return;
                };
                inner.prune(Instant::now());
            }
        });
    }

    /// Takes one token for `client`, or says how long until one is available.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        self.check_at(client, Instant::now())
    }

    /// Whether `client` has a token left, without taking it.
    pub fn peek(&self, client: IpAddr) -> Result<(), Duration> {
        self.inner.take(client, Instant::now(), false)
    }

    fn check_at(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        self.inner.take(client, now, true)
    }

    #[cfg(test)]
    fn clients(&self) -> usize {
        self.inner.buckets.lock().unwrap().len()
    }
}

impl Inner {
    fn take(&self, client: IpAddr, now: Instant, consume: bool) -> Result<(), Duration> {
        if self.per_sec <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let full = buckets.len() >= self.max_clients;
        let bucket = match buckets.entry(key(client)) {
            Entry::Occupied(entry) => entry.into_mut(),
            // A client not in the map has a full bucket: a look needs no entry.
            Entry::Vacant(_) if !consume => return Ok(()),
            // Full: refuse the newcomer rather than evict someone. Whoever controls more
            // addresses than the map holds (an IPv6 /48 has 65,536 /64s) could otherwise
            // flush their own spent buckets and come back with a fresh burst each time,
            // which is the guessing the lookup limit is there to stop. Known clients keep
            // their buckets; a newcomer waits (the app retries writes) until the pruning
            // makes room.
            Entry::Vacant(_) if full => return Err(PRUNE_EVERY),
            Entry::Vacant(entry) => entry.insert(Bucket {
                tokens: self.burst,
                at: now,
            }),
        };
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

    /// Forgets the buckets that have refilled completely: a client without a bucket is
    /// treated exactly as one with a full bucket, so no answer changes.
    fn prune(&self, now: Instant) {
        let full_after = Duration::from_secs_f64(self.burst / self.per_sec);
        self.buckets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, b| now.saturating_duration_since(b.at) < full_after);
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
    fn a_full_map_refuses_newcomers_but_keeps_known_clients() {
        let limiter = RateLimiter::with_capacity(60, 2, 3);
        let t = Instant::now();
        let ip = |n: u8| IpAddr::from([10, 0, 0, n]);
        for n in 1..=3 {
            assert!(limiter.check_at(ip(n), t).is_ok());
        }
        assert_eq!(limiter.check_at(ip(4), t), Err(PRUNE_EVERY));
        assert_eq!(limiter.clients(), 3);
        // Known clients go on; their spent tokens stay spent.
        assert!(limiter.check_at(ip(1), t).is_ok());
        assert!(limiter.check_at(ip(1), t).is_err());
        // A look takes no room and finds a full bucket.
        assert!(limiter.inner.take(ip(5), t, false).is_ok());
        assert_eq!(limiter.clients(), 3);
        // Buckets that have refilled make room; one used since stays.
        let later = t + Duration::from_millis(1500);
        assert!(limiter.check_at(ip(2), later).is_ok());
        limiter.inner.prune(t + Duration::from_millis(2100));
        assert_eq!(limiter.clients(), 1);
        assert!(limiter
            .check_at(ip(4), t + Duration::from_millis(2100))
            .is_ok());
    }

    #[test]
    fn pruning_forgets_only_full_buckets() {
        let limiter = RateLimiter::new(60, 3);
        let t = Instant::now();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..3 {
            assert!(limiter.check_at(a, t).is_ok());
        }
        assert!(limiter.check_at(b, t + Duration::from_secs(2)).is_ok());
        // a is full again after 3 s; b was used later.
        limiter.inner.prune(t + Duration::from_secs(3));
        assert_eq!(limiter.clients(), 1);
        for _ in 0..3 {
            assert!(limiter.check_at(a, t + Duration::from_secs(3)).is_ok());
        }
        assert!(limiter.check_at(a, t + Duration::from_secs(3)).is_err());
        // b had 2 tokens left and got one back.
        for _ in 0..3 {
            assert!(limiter.check_at(b, t + Duration::from_secs(3)).is_ok());
        }
        assert!(limiter.check_at(b, t + Duration::from_secs(3)).is_err());
    }

    #[test]
    fn the_timer_prunes_without_requests() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            // 1000 tokens a second, burst 1: full again after a millisecond.
            let limiter = RateLimiter::new(60_000, 1);
            limiter.prune_every(Duration::from_millis(10));
            for n in 0..50u8 {
                assert!(limiter.check(IpAddr::from([10, 0, 1, n])).is_ok());
            }
            assert_eq!(limiter.clients(), 50);
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert_eq!(limiter.clients(), 0);
        });
    }

    #[test]
    fn zero_means_off() {
        let limiter = RateLimiter::new(0, 1);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!((0..100).all(|_| limiter.check(ip).is_ok()));
    }
}
