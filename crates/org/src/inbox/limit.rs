//! Request rates: how often one client address, and one key, may post to
//! the inbox. Each has a bucket of `per_minute` tokens that refills evenly
//! over a minute; a request takes one, and a request that finds none is
//! refused (429) with the time until there is one again (`Retry-After`).
//! A burst as large as a minute's allowance passes at once, so a
//! person's Regie that sends a few files after a change is never held up.
//!
//! An IPv6 client is counted by its /64, the block one network (a home, a
//! phone) normally gets, since it can change the rest of its address at
//! will; an IPv4 address (or one mapped into IPv6) is counted by itself.
//!
//! The buckets live in the server's memory: they bound what one process
//! takes. The limits on failed link attempts, which stop guessing codes,
//! are counted in the database instead (see [`super`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The most buckets kept; past it, the full ones (clients quiet for a
/// minute) are dropped, and if that is not enough, all.
const MAX_BUCKETS: usize = 100_000;

/// The key a client address is counted under: an IPv4 address, or an
/// IPv6 /64 (`2001:db8:1:2::/64`).
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Token buckets by key.
#[derive(Debug)]
pub struct Buckets {
    per_minute: u32,
    map: HashMap<String, (f64, Instant)>,
}

impl Buckets {
    /// Buckets of `per_minute` tokens (at least 1).
    pub fn new(per_minute: u32) -> Self {
        Buckets {
            per_minute: per_minute.max(1),
            map: HashMap::new(),
        }
    }

    fn rate(&self) -> f64 {
        f64::from(self.per_minute) / 60.0
    }

    /// Takes a token for `key` at `now`, or says how long until there is
    /// one (whole seconds, at least 1).
    pub fn take(&mut self, key: &str, now: Instant) -> Result<(), Duration> {
        let (burst, rate) = (f64::from(self.per_minute), self.rate());
        if self.map.len() >= MAX_BUCKETS && !self.map.contains_key(key) {
            self.map.retain(|_, (t, at)| {
                *t + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
            if self.map.len() >= MAX_BUCKETS {
                self.map.clear();
            }
        }
        let (tokens, at) = self.map.entry(key.to_owned()).or_insert((burst, now));
        *tokens = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - *tokens) / rate).ceil().max(1.0);
            Err(Duration::from_secs(wait as u64))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_block() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(mapped), "192.0.2.7");
    }

    #[test]
    fn a_burst_of_a_minute_passes_and_then_one_waits_for_a_token() {
        let mut b = Buckets::new(6);
        let t = Instant::now();
        for _ in 0..6 {
            assert!(b.take("x", t).is_ok());
        }
        assert_eq!(b.take("x", t), Err(Duration::from_secs(10)));
        assert!(b.take("y", t).is_ok(), "another key has its own bucket");
        assert!(b.take("x", t + Duration::from_secs(10)).is_ok());
    }
}
