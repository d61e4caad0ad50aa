//! The client's address, as the rate limits see it.
//!
//! Behind a reverse proxy every request comes from the proxy's address, so one client's
//! failures would throttle everybody. The address a proxy reports in `X-Forwarded-For` (or, if
//! it sends none, `Forwarded`) is read only when the request comes from one of the
//! [`TrustedProxies`]; anyone else could write any address there. The client is the right-most
//! address of that list that is not a trusted proxy: the hops to its right were added by our
//! proxies, those to its left by the client itself.

use axum::http::HeaderMap;
use std::fmt;
use std::net::IpAddr;

/// Addresses and networks (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`) of the reverse proxies whose
/// forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

/// A trusted proxy that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("địa chỉ proxy tin cậy không hợp lệ: «{0}» (cần dạng 10.0.0.1 hoặc 10.0.0.0/8)")]
pub struct BadProxy(pub String);

impl TrustedProxies {
    /// Parses addresses and CIDR networks.
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Self, BadProxy> {
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| network(s).ok_or_else(|| BadProxy(s.to_owned())))
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|&(net, bits)| within(ip, net, bits))
    }

    /// The client behind `peer`: from the forwarding headers when `peer` is trusted, else
    /// `peer` itself.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.contains(peer) {
            return peer;
        }
        let hops = forwarded_for(headers);
        // Right to left: the first hop that is not one of ours is the client; if all are ours,
        // the left-most is as far as we can see.
        hops.iter()
            .rev()
            .copied()
            .find(|ip| !self.contains(*ip))
            .or_else(|| hops.first().copied())
            .unwrap_or(peer)
    }
}

impl fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items: Vec<String> = self
            .0
            .iter()
            .map(|(ip, bits)| format!("{ip}/{bits}"))
            .collect();
        f.write_str(&items.join(", "))
    }
}

/// `a.b.c.d`, `a.b.c.d/n`, `v6`, `v6/n`, with the bits outside the prefix cleared.
fn network(s: &str) -> Option<(IpAddr, u8)> {
    let (ip, bits) = match s.split_once('/') {
        Some((ip, bits)) => (ip.parse::<IpAddr>().ok()?, Some(bits.parse::<u8>().ok()?)),
        None => (s.parse::<IpAddr>().ok()?, None),
    };
    let ip = ip.to_canonical();
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(max);
    (bits <= max).then(|| (prefix(ip, bits), bits))
}

fn within(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    ip.is_ipv4() == net.is_ipv4() && prefix(ip, bits) == net
}

/// `ip` with all but its first `bits` bits cleared.
pub(crate) fn prefix(ip: IpAddr, bits: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let mask = u32::MAX
                .checked_shl(32 - u32::from(bits.min(32)))
                .unwrap_or(0);
            IpAddr::V4((u32::from(v4) & mask).into())
        }
        IpAddr::V6(v6) => {
            let mask = u128::MAX
                .checked_shl(128 - u32::from(bits.min(128)))
                .unwrap_or(0);
            IpAddr::V6((u128::from(v6) & mask).into())
        }
    }
}

/// The hops of `X-Forwarded-For` (every header line, in order), or else of `Forwarded`'s `for=`
/// parameters. A hop that does not parse ends the list there: what lies left of it cannot be
/// placed.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let xff: Vec<&str> = values(headers, "x-forwarded-for")
        .flat_map(|v| v.split(','))
        .collect();
    let raw: Vec<&str> = if xff.is_empty() {
        values(headers, "forwarded")
            .flat_map(|v| v.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (k, v) = pair.trim().split_once('=')?;
                    k.trim().eq_ignore_ascii_case("for").then_some(v)
                })
            })
            .collect()
    } else {
        xff
    };
    let mut hops: Vec<IpAddr> = Vec::new();
    for hop in raw.iter().rev() {
        match hop_address(hop) {
            Some(ip) => hops.push(ip.to_canonical()),
            None => break,
        }
    }
    hops.reverse();
    hops
}

fn values<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
    headers.get_all(name).iter().filter_map(|v| v.to_str().ok())
}

/// An address written as `1.2.3.4`, `1.2.3.4:5678`, `"[2001:db8::1]:4711"` or `2001:db8::1`.
fn hop_address(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    hop.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn addresses_and_networks_parse_and_match() {
        let t = TrustedProxies::parse(["10.0.0.0/8", " 192.168.1.7 ", "fd00::/8"]).unwrap();
        assert!(t.contains(ip("10.200.3.4")));
        assert!(t.contains(ip("192.168.1.7")));
        assert!(!t.contains(ip("192.168.1.8")));
        assert!(t.contains(ip("fd12::1")));
        assert!(t.contains(ip("::ffff:10.1.1.1")), "IPv4 mapped in IPv6");
        assert!(!t.contains(ip("11.0.0.1")));
        assert_eq!(t.to_string(), "10.0.0.0/8, 192.168.1.7/32, fd00::/8");
        for bad in ["10.0.0.0/33", "proxy", "10.0.0/8", "::/129"] {
            assert_eq!(TrustedProxies::parse([bad]), Err(BadProxy(bad.into())));
        }
        assert!(TrustedProxies::parse(["", " "]).unwrap().is_empty());
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_peer() {
        let t = TrustedProxies::parse(["10.0.0.0/8"]).unwrap();
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9")]);
        assert_eq!(t.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("203.0.113.9"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.2"), &h),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn the_client_is_the_right_most_hop_that_is_not_a_proxy() {
        let t = TrustedProxies::parse(["10.0.0.0/8"]).unwrap();
        let peer = ip("10.0.0.2");
        let h = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.9, 10.0.0.5"),
        ]);
        assert_eq!(t.client(peer, &h), ip("203.0.113.9"));
        let h = headers(&[("x-forwarded-for", "10.0.0.7, 10.0.0.5")]);
        assert_eq!(
            t.client(peer, &h),
            ip("10.0.0.7"),
            "all ours: the left-most"
        );
        let h = headers(&[("x-forwarded-for", "garbage, 203.0.113.9")]);
        assert_eq!(t.client(peer, &h), ip("203.0.113.9"));
        let h = headers(&[("x-forwarded-for", "203.0.113.9, garbage")]);
        assert_eq!(t.client(peer, &h), peer, "an unreadable last hop");
        assert_eq!(t.client(peer, &HeaderMap::new()), peer);
    }

    #[test]
    fn forwarded_is_read_when_x_forwarded_for_is_missing() {
        let t = TrustedProxies::parse(["10.0.0.2"]).unwrap();
        let h = headers(&[(
            "forwarded",
            "for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\"",
        )]);
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("2001:db8:cafe::17"));
        let h = headers(&[("forwarded", "for=198.51.100.17:8080")]);
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("198.51.100.17"));
    }
}
