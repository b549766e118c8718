//! Who the client is: its address, and which proxies may tell us another.
//!
//! Behind a reverse proxy every connection comes from the proxy, and the client's own
//! address is in `X-Forwarded-For`. That header is anyone's word, so it is believed only
//! from the proxies named in the configuration ([`TrustedProxies`]), and only for the
//! hops those proxies added: walking the header from its end, each address that is
//! itself a trusted proxy is skipped, and the first one that is not is the client.
//! From any other peer the header is ignored.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The networks of the reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
}

/// A proxy entry that is neither an address nor a CIDR network.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not an IP address or a CIDR network such as 10.0.0.0/8 or fd00::/8")]
pub struct BadProxy(pub String);

impl TrustedProxies {
    /// Parses addresses (`10.0.0.5`) and networks (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<TrustedProxies, BadProxy> {
        let nets = entries
            .iter()
            .map(|e| {
                let e = e.as_ref().trim();
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| BadProxy(e.to_owned()))
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies { nets })
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|n| n.contains(&ip))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the
    /// nearest address in `X-Forwarded-For` that is not a trusted proxy.
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer.ip());
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(ip) = hop.trim().parse::<IpAddr>() else {
                // An unreadable hop: everything before it is unverifiable.
                break;
            };
            client = canonical(ip);
            if !self.contains(client) {
                break;
            }
        }
        client
    }
}

/// IPv4-mapped IPv6 addresses as IPv4, so one host has one key.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The client key for limits: an IPv4 address, or the /64 network of an IPv6 address
/// (one host commonly holds a whole /64).
pub fn network_key(ip: IpAddr) -> u128 {
    match canonical(ip) {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => (u128::from(v6) & !((1u128 << 64) - 1)) | 1,
    }
}

pub use service::reports::intake::reporter_network;

/// The client's address as the request handlers see it (set by the guard middleware).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().expect("header"));
        }
        h
    }

    fn peer(s: &str) -> SocketAddr {
        s.parse().expect("address")
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8", "192.0.2.7"]).expect("parse");
        let cases: &[(&str, &[&str], &str)] = &[
            // Not from a proxy: the header is the client's word.
            ("203.0.113.9:5000", &["198.51.100.1"], "203.0.113.9"),
            // From the proxy: the last hop it added.
            ("10.1.1.1:5000", &["198.51.100.1"], "198.51.100.1"),
            // A client-supplied first entry is not believed.
            ("10.1.1.1:5000", &["1.2.3.4, 198.51.100.1"], "198.51.100.1"),
            // Two trusted hops: skip both.
            (
                "10.1.1.1:5000",
                &["198.51.100.1, 192.0.2.7"],
                "198.51.100.1",
            ),
            (
                "10.1.1.1:5000",
                &["198.51.100.1", "10.2.2.2"],
                "198.51.100.1",
            ),
            // No header, or garbage: the proxy itself.
            ("10.1.1.1:5000", &[], "10.1.1.1"),
            ("10.1.1.1:5000", &["not-an-ip"], "10.1.1.1"),
            // Mapped IPv6 peers count as their IPv4 address.
            ("[::ffff:10.0.0.1]:5000", &["198.51.100.1"], "198.51.100.1"),
        ];
        for (p, xff, want) in cases {
            let got = proxies.client(peer(p), &headers(xff));
            assert_eq!(got.to_string(), *want, "peer {p} xff {xff:?}");
        }
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(peer("10.1.1.1:1"), &headers(&["1.2.3.4"]))
                .to_string(),
            "10.1.1.1"
        );
    }

    #[test]
    fn bad_entries_are_named() {
        let err = TrustedProxies::parse(&["10.0.0.0/8", "proxy.local"]).expect_err("bad");
        assert!(err.to_string().contains("proxy.local"));
        assert!(TrustedProxies::parse(&["10.0.0.0/33"]).is_err());
    }

    #[test]
    fn reporters_count_by_24_and_48() {
        let n = |s: &str| reporter_network(s.parse().expect("ip"));
        assert_eq!(n("198.51.100.1"), n("198.51.100.254"));
        assert_ne!(n("198.51.100.1"), n("198.51.101.1"));
        assert_eq!(n("2001:db8:1:ffff::1"), n("2001:db8:1:2::9"));
        assert_ne!(n("2001:db8:1::1"), n("2001:db8:2::1"));
        assert_ne!(n("0.0.0.1"), n("::1"), "v4 and v6 never collide");
    }

    #[test]
    fn network_keys_group_ipv6_by_64() {
        let a = network_key("2001:db8::1".parse().expect("ip"));
        let b = network_key("2001:db8::ffff:1".parse().expect("ip"));
        let c = network_key("2001:db8:0:1::1".parse().expect("ip"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            network_key("::ffff:1.2.3.4".parse().expect("ip")),
            network_key("1.2.3.4".parse().expect("ip"))
        );
    }
}
