//! The proxy for one address, from the environment as curl and most tools read it:
//! `http_proxy` for http:// addresses, `https_proxy` for https://, `all_proxy` for
//! either when those are unset (each in lower case first, then upper case), and
//! `no_proxy`/`NO_PROXY` for the hosts reached directly. The machine itself (localhost,
//! 127.0.0.0/8, ::1) is always reached directly: no proxy can reach it.

use std::net::IpAddr;

use ureq::Proxy;
use ureq::http::Uri;

/// The proxy an address goes through, and the variable that named it (for messages).
#[derive(Debug, Clone)]
pub struct Chosen {
    pub proxy: Proxy,
    pub variable: &'static str,
    /// The proxy's host and port, without any user name or password.
    pub address: String,
}

/// A proxy variable whose value is not a proxy's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadProxy {
    pub variable: &'static str,
}

impl std::fmt::Display for BadProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is not a proxy's address (such as http://proxy.example:3128); \
             fix it or unset it",
            self.variable
        )
    }
}

/// Where the environment's variables are read from: the process's own, or a test's.
pub trait Environment {
    fn var(&self, name: &str) -> Option<String>;
}

/// The process's environment.
pub struct ProcessEnvironment;

impl Environment for ProcessEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

/// The proxy for `uri`, or `None` to connect directly.
pub fn for_address(uri: &Uri, env: &dyn Environment) -> Result<Option<Chosen>, BadProxy> {
    let host = uri.host().unwrap_or_default();
    if is_local(host) {
        return Ok(None);
    }
    let candidates: &[&'static str] = if uri.scheme_str() == Some("https") {
        &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    } else {
        &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
    };
    let Some((variable, value)) = candidates.iter().find_map(|name| {
        let value = env.var(name)?;
        let value = value.trim().to_owned();
        (!value.is_empty()).then_some((*name, value))
    }) else {
        return Ok(None);
    };
    let no_proxy = env
        .var("no_proxy")
        .filter(|v| !v.trim().is_empty())
        .or_else(|| env.var("NO_PROXY"));
    if no_proxy.is_some_and(|list| bypasses(&list, host)) {
        return Ok(None);
    }
    let proxy = Proxy::new(&value).map_err(|_| BadProxy { variable })?;
    let address = format!("{}:{}", proxy.host(), proxy.port());
    Ok(Some(Chosen {
        proxy,
        variable,
        address,
    }))
}

/// True for this machine's own names and addresses.
fn is_local(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// True when `no_proxy` (comma- or space-separated) lists `host`: `*` for every host;
/// a name for itself and the hosts under it (`example.org` and `.example.org` both
/// take in `www.example.org`); an address for itself; an address block
/// (`10.0.0.0/8`) for the addresses in it. A port after an entry is not compared.
pub fn bypasses(no_proxy: &str, host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let ip = host.parse::<IpAddr>().ok();
    no_proxy
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            if let Some((block, bits)) = entry.split_once('/') {
                return match (ip, block.parse::<IpAddr>(), bits.parse::<u32>()) {
                    (Some(ip), Ok(block), Ok(bits)) => in_block(ip, block, bits),
                    _ => false,
                };
            }
            let entry = without_port(entry).to_ascii_lowercase();
            if let (Some(ip), Ok(listed)) = (ip, entry.parse::<IpAddr>()) {
                return ip == listed;
            }
            let name = entry
                .trim_start_matches('*')
                .trim_start_matches('.')
                .trim_end_matches('.');
            !name.is_empty()
                && (host == name
                    || host
                        .strip_suffix(name)
                        .is_some_and(|head| head.ends_with('.')))
        })
}

/// `host:port` → `host`; `[::1]:80` → `::1`; an IPv6 address alone stays whole.
fn without_port(entry: &str) -> &str {
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            host
        }
        _ => entry,
    }
}

/// True when `ip` lies in the block of `bits` leading bits at `block`.
fn in_block(ip: IpAddr, block: IpAddr, bits: u32) -> bool {
    match (ip, block) {
        (IpAddr::V4(ip), IpAddr::V4(block)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(block) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(block)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(block) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Vars(HashMap<&'static str, &'static str>);

    impl Environment for Vars {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| (*v).to_owned())
        }
    }

    fn chosen(address: &str, vars: &[(&'static str, &'static str)]) -> Option<&'static str> {
        let env = Vars(vars.iter().copied().collect());
        for_address(&address.parse().unwrap(), &env)
            .unwrap()
            .map(|c| c.variable)
    }

    #[test]
    fn each_scheme_has_its_variable_and_all_proxy_stands_in() {
        let vars = [
            ("http_proxy", "http://plain.proxy:3128"),
            ("HTTPS_PROXY", "http://secure.proxy:3128"),
        ];
        assert_eq!(chosen("http://example.org/", &vars), Some("http_proxy"));
        assert_eq!(chosen("https://example.org/", &vars), Some("HTTPS_PROXY"));
        let all = [("ALL_PROXY", "socks5h://proxy:1080"), ("https_proxy", "")];
        assert_eq!(chosen("https://example.org/", &all), Some("ALL_PROXY"));
        assert_eq!(chosen("https://example.org/", &[]), None);
    }

    #[test]
    fn no_proxy_and_the_machine_itself_go_direct() {
        let vars = [
            ("https_proxy", "http://proxy:3128"),
            ("NO_PROXY", "intranet.example, .corp.example,10.0.0.0/8"),
        ];
        for direct in [
            "https://intranet.example/",
            "https://wiki.intranet.example/",
            "https://corp.example/",
            "https://10.1.2.3/",
            "https://localhost:8080/",
            "https://127.0.0.1:8080/",
            "https://127.8.9.10/",
            "https://[::1]:8080/",
        ] {
            assert_eq!(chosen(direct, &vars), None, "{direct}");
        }
        for proxied in [
            "https://example.org/",
            "https://notintranet.example/",
            "https://11.0.0.1/",
        ] {
            assert_eq!(chosen(proxied, &vars), Some("https_proxy"), "{proxied}");
        }
        assert_eq!(
            chosen(
                "https://example.org/",
                &[("https_proxy", "http://p:1"), ("no_proxy", "*")]
            ),
            None
        );
    }

    #[test]
    fn no_proxy_entries_match_as_curl_matches_them() {
        assert!(bypasses("example.org:443", "example.org"));
        assert!(bypasses("*.example.org", "a.example.org"));
        assert!(bypasses("[::1]", "::1"));
        assert!(bypasses("fd00::/8", "[fd12::1]"));
        assert!(!bypasses("example.org", "example.com"));
        assert!(!bypasses("", "example.org"));
        assert!(!bypasses("10.0.0.0/33", "10.0.0.1"));
    }

    #[test]
    fn a_proxy_that_is_no_address_is_named() {
        let env = Vars([("http_proxy", "http://")].into_iter().collect());
        let error = for_address(&"http://example.org/".parse().unwrap(), &env).unwrap_err();
        assert_eq!(error.variable, "http_proxy");
    }
}
