//! When a contact's notification mail is due: pure, so every rule (the window, the gathering
//! delay, the backoff, a clock set back) is tested without a mail server or a database.

use std::time::Duration;

/// What the mail state of one contact is: the row of `mail_notice`. Times are Unix
/// milliseconds (wall clock: they must mean the same after a restart).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notice {
    /// Where the next mail goes: the address of the latest message's contact.
    pub email: String,
    /// A message is waiting for a mail since then; `None`: nothing to send.
    pub pending_since: Option<i64>,
    pub last_sent_at: Option<i64>,
    /// Failed sends of the pending mail.
    pub attempts: u32,
    pub next_try_at: Option<i64>,
}

/// When a contact's mail is due. Pure: the I/O around it only stores what it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub window: Duration,
    pub gather: Duration,
    pub retry_first: Duration,
    pub retry_max: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(600),
            gather: Duration::from_secs(5),
            retry_first: Duration::from_secs(5),
            retry_max: Duration::from_secs(600),
        }
    }
}

pub(super) fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Throttle {
    /// A new message for this contact was stored at `now`.
    pub fn message(&self, old: Option<Notice>, email: &str, now: i64) -> Notice {
        let mut notice = old.unwrap_or_default();
        notice.email = email.to_string();
        if notice.pending_since.is_none() {
            // A mail already pending covers this message, and keeps its retry schedule: a
            // stream of messages must not hammer a mail server that is down.
            let window_ends = notice
                .last_sent_at
                .map_or(now, |sent| sent.saturating_add(ms(self.window)))
                // A clock set back must not postpone the mail by more than one window.
                .min(now.saturating_add(ms(self.window)));
            notice.pending_since = Some(now);
            notice.attempts = 0;
            notice.next_try_at = Some(now.saturating_add(ms(self.gather)).max(window_ends));
        }
        notice
    }

    /// The pending mail was accepted by the mail server at `now`. Every message stored
    /// before this is covered: the adviser who follows the link sees them all.
    pub fn sent(&self, mut notice: Notice, now: i64) -> Notice {
        notice.pending_since = None;
        notice.last_sent_at = Some(now);
        notice.attempts = 0;
        notice.next_try_at = None;
        notice
    }

    /// Sending the pending mail failed at `now`.
    pub fn failed(&self, mut notice: Notice, now: i64) -> Notice {
        notice.attempts = notice.attempts.saturating_add(1);
        notice.next_try_at = Some(now.saturating_add(ms(self.retry_delay(notice.attempts))));
        notice
    }

    /// The wait after the `attempts`-th failure: doubling from `retry_first`, at most
    /// `retry_max`.
    pub fn retry_delay(&self, attempts: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempts.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.retry_first.saturating_mul(factor).min(self.retry_max)
    }

    /// When this contact's mail should go, if one is pending. A time further ahead than
    /// any schedule this throttle makes (the clock was set back) means now.
    pub fn due_at(&self, notice: &Notice, now: i64) -> Option<i64> {
        notice.pending_since?;
        let horizon = now.saturating_add(ms(self.window.max(self.retry_max) + self.gather));
        Some(match notice.next_try_at {
            Some(at) if at <= horizon => at,
            _ => now,
        })
    }

    pub fn is_due(&self, notice: &Notice, now: i64) -> bool {
        self.due_at(notice, now).is_some_and(|at| at <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    fn throttle() -> Throttle {
        Throttle::default()
    }

    #[test]
    fn a_first_message_is_mailed_after_the_gathering_delay() {
        let t = throttle();
        let n = t.message(None, "a@example.org", 1_000);
        assert_eq!(n.pending_since, Some(1_000));
        assert_eq!(n.next_try_at, Some(6_000));
        assert!(!t.is_due(&n, 5_999));
        assert!(t.is_due(&n, 6_000));
    }

    #[test]
    fn messages_before_the_mail_are_covered_by_it() {
        let t = throttle();
        let n = t.message(None, "a@example.org", 0);
        let n = t.message(Some(n), "a@example.org", 2_000);
        let n = t.message(Some(n), "b@example.org", 4_000);
        assert_eq!(n.pending_since, Some(0));
        assert_eq!(
            n.next_try_at,
            Some(5_000),
            "later messages do not postpone it"
        );
        assert_eq!(n.email, "b@example.org", "the latest address is used");
        let n = t.sent(n, 5_100);
        assert_eq!(t.due_at(&n, 5_100), None);
        assert_eq!(n.last_sent_at, Some(5_100));
    }

    #[test]
    fn at_most_one_mail_per_window_and_none_dropped() {
        let t = throttle();
        let n = t.sent(t.message(None, "a@example.org", 0), 5_000);
        // Inside the window: one mail when the window ends, however many messages.
        let mut n = t.message(Some(n), "a@example.org", 6_000);
        for at in [7_000, 3 * MIN, 9 * MIN] {
            n = t.message(Some(n), "a@example.org", at);
        }
        assert_eq!(n.next_try_at, Some(5_000 + 10 * MIN));
        assert!(!t.is_due(&n, 5_000 + 10 * MIN - 1));
        assert!(t.is_due(&n, 5_000 + 10 * MIN));
        // After the window: only the gathering delay.
        let n = t.sent(n, 5_000 + 10 * MIN);
        let n = t.message(Some(n), "a@example.org", 30 * MIN);
        assert_eq!(n.next_try_at, Some(30 * MIN + 5_000));
    }

    #[test]
    fn failures_back_off_doubling_to_ten_minutes_and_never_give_up() {
        let t = throttle();
        let delays: Vec<u64> = (1..=10).map(|a| t.retry_delay(a).as_secs()).collect();
        assert_eq!(delays, [5, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
        assert_eq!(t.retry_delay(u32::MAX), Duration::from_secs(600));
        let mut n = t.message(None, "a@example.org", 0);
        for _ in 0..1000 {
            n = t.failed(n, 0);
        }
        assert_eq!(n.attempts, 1000);
        assert_eq!(n.next_try_at, Some(10 * MIN), "still pending, still tried");
        // A message during the failures keeps the schedule and the count.
        let n2 = t.message(Some(n.clone()), "a@example.org", 1);
        assert_eq!((n2.attempts, n2.next_try_at), (n.attempts, n.next_try_at));
        let n = t.sent(n2, 10 * MIN);
        assert_eq!(n.attempts, 0);
    }

    #[test]
    fn a_clock_set_back_postpones_nothing_beyond_one_window() {
        let t = throttle();
        let future = 1_000 * MIN;
        let n = t.sent(t.message(None, "a@example.org", future), future);
        let n = t.message(Some(n), "a@example.org", 0);
        assert_eq!(n.next_try_at, Some(10 * MIN));
        let stale = Notice {
            pending_since: Some(0),
            next_try_at: Some(future),
            ..Notice::default()
        };
        assert!(t.is_due(&stale, 0));
    }
}
