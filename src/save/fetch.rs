//! Fetching a page: a GET with ureq (rustls for https), following up to ten redirects
//! one by one (so that each hop gets the proxy its own scheme and host call for, and a
//! loop is named as one), with timeouts for connecting and for each read, a cap on the
//! body, and a refusal of anything that is not a web page.

use std::io::{self, Read};
use std::time::Duration;

use encoding_rs::Encoding;
use ureq::http::Uri;
use ureq::{Agent, Timeout};

use super::address;
use super::kind::{self, Declared};
use super::proxy::{self, BadProxy, Chosen, Environment};

/// The most redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 10;

/// How long to wait, and how much to take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the name lookup and the connection (with any proxy and TLS handshake).
    pub connect: Duration,
    /// For each read of the answer: the server sending nothing for this long ends it.
    pub read: Duration,
    /// The largest body taken, in bytes (after decompression).
    pub max_bytes: u64,
}

/// A page as the server sent it.
#[derive(Debug)]
pub struct Fetched {
    /// Where the page came from: the last address, after any redirects.
    pub address: String,
    pub bytes: Vec<u8>,
    /// The encoding the Content-Type names, when it names one folio knows.
    pub charset: Option<&'static Encoding>,
}

/// Why a page could not be fetched, at which address (a redirect's, perhaps).
#[derive(Debug)]
pub struct FetchError {
    pub at: String,
    pub failure: Failure,
}

/// What went wrong, in terms a person can act on.
#[derive(Debug)]
pub enum Failure {
    Status {
        code: u16,
        reason: String,
    },
    NotAPage {
        what: String,
        mime: Option<String>,
    },
    Refused {
        host: String,
        via: Option<Via>,
    },
    NoSuchHost {
        host: String,
        via: Option<Via>,
    },
    Unreachable {
        host: String,
    },
    ConnectTimeout {
        host: String,
        seconds: Duration,
        via: Option<Via>,
    },
    ReadTimeout {
        seconds: Duration,
    },
    Closed,
    TooManyRedirects,
    RedirectLoop {
        to: String,
    },
    RedirectWithoutLocation {
        code: u16,
    },
    RedirectElsewhere {
        to: String,
    },
    TooLarge {
        cap: u64,
        size: Option<u64>,
    },
    Tls(String),
    Proxy {
        via: Via,
        message: String,
    },
    BadProxy(BadProxy),
    /// An answer that is not HTTP as folio reads it, or another error of the client.
    Answer(String),
}

/// The proxy a request went through, for messages.
#[derive(Debug, Clone)]
pub struct Via {
    pub variable: &'static str,
    pub address: String,
}

impl From<&Chosen> for Via {
    fn from(chosen: &Chosen) -> Via {
        Via {
            variable: chosen.variable,
            address: chosen.address.clone(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Status { code, reason } => {
                let status = if reason.is_empty() {
                    code.to_string()
                } else {
                    format!("{code} {reason}")
                };
                let advice = match code {
                    404 | 410 => "there is no page at this address; check the address",
                    401 | 407 => {
                        "the page needs a login, which folio cannot give; \
                         save it from your browser (as a web page, HTML only) \
                         and put the file in your store"
                    }
                    403 => {
                        "the server refuses to give folio the page; \
                         save it from your browser (as a web page, HTML only) \
                         and put the file in your store"
                    }
                    429 => "the server is turning requests away for now; try again later",
                    500..=599 => "the server failed; try again later",
                    _ => "check the address",
                };
                write!(f, "the server answered {status}: {advice}")
            }
            Failure::NotAPage { what, mime } => {
                let mime = mime
                    .as_deref()
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default();
                write!(
                    f,
                    "it is {what}{mime}, not a web page; folio saves web pages only"
                )
            }
            Failure::Refused { host, via: None } => write!(
                f,
                "the connection to {host} was refused (nothing answers there); \
                 check the address, and that the server is running"
            ),
            Failure::Refused { via: Some(via), .. } => write!(
                f,
                "the connection to the proxy {} (from {}) was refused; \
                 check that variable, or unset it",
                via.address, via.variable
            ),
            Failure::NoSuchHost { host, via: None } => write!(
                f,
                "no host named {host} was found; check the address and your connection \
                 to the network"
            ),
            Failure::NoSuchHost { via: Some(via), .. } => write!(
                f,
                "the proxy {} (from {}) was not found; check that variable, or unset it",
                via.address, via.variable
            ),
            Failure::Unreachable { host } => write!(
                f,
                "{host} cannot be reached from this machine; check your connection to the \
                 network"
            ),
            Failure::ConnectTimeout { host, seconds, via } => {
                let whom = match via {
                    Some(via) => format!("the proxy {} (from {})", via.address, via.variable),
                    None => host.clone(),
                };
                write!(
                    f,
                    "no connection to {whom} within {}; check your connection to the \
                     network, or wait longer with --timeout SECONDS",
                    in_seconds(*seconds)
                )
            }
            Failure::ReadTimeout { seconds } => write!(
                f,
                "the server sent nothing for {}; try again later, or wait longer with \
                 --timeout SECONDS",
                in_seconds(*seconds)
            ),
            Failure::Closed => f.write_str(
                "the server closed the connection before the page was sent whole; \
                 try again later",
            ),
            Failure::TooManyRedirects => write!(
                f,
                "it redirects more than {MAX_REDIRECTS} times; open it in a browser \
                 and save the address it ends at"
            ),
            Failure::RedirectLoop { to } => write!(
                f,
                "it redirects in a loop (back to {to}); the site may want cookies, which \
                 folio does not keep: save the page from your browser (as a web page, \
                 HTML only) and put the file in your store"
            ),
            Failure::RedirectWithoutLocation { code } => write!(
                f,
                "the server answered {code} (a redirect) without saying where to"
            ),
            Failure::RedirectElsewhere { to } => write!(
                f,
                "it redirects to {to}, which is not a web address folio can fetch"
            ),
            Failure::TooLarge { cap, size } => {
                let size = size
                    .map(|s| format!(" ({})", in_bytes(s)))
                    .unwrap_or_default();
                write!(
                    f,
                    "the page{size} is larger than {}, the largest article folio reads; \
                     raise max_article_bytes in the config to save it",
                    in_bytes(*cap)
                )
            }
            Failure::Tls(message) => write!(
                f,
                "the secure (https) connection failed: {message}; the site's certificate \
                 may be out of date or not for this address"
            ),
            Failure::Proxy { via, message } => write!(
                f,
                "the proxy {} (from {}) would not connect: {message}; check that \
                 variable, or unset it",
                via.address, via.variable
            ),
            Failure::BadProxy(bad) => bad.fmt(f),
            Failure::Answer(message) => write!(
                f,
                "the server's answer could not be read ({message}); try again later"
            ),
        }
    }
}

/// `1 s`, `2.5 s`.
fn in_seconds(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds.fract() == 0.0 {
        format!("{seconds:.0} s")
    } else {
        format!("{seconds} s")
    }
}

/// `16 MiB`, `1.5 KiB`, `900 bytes`.
pub fn in_bytes(bytes: u64) -> String {
    let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in units {
        if bytes >= size {
            let amount = bytes as f64 / size as f64;
            return if amount.fract() == 0.0 {
                format!("{amount:.0} {unit}")
            } else {
                format!("{amount:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// The agent every request goes through: redirects and statuses are folio's to handle.
fn agent(limits: &Limits) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(format!("folio/{}", env!("CARGO_PKG_VERSION")))
        .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        .proxy(None)
        .timeout_resolve(Some(limits.connect))
        .timeout_connect(Some(limits.connect))
        .timeout_per_read(Some(limits.read))
        .timeout_per_write(Some(limits.read))
        .build()
        .new_agent()
}

/// Fetches the page at `uri`, following redirects; `env` names the proxies.
pub fn fetch(uri: &Uri, limits: &Limits, env: &dyn Environment) -> Result<Fetched, FetchError> {
    let agent = agent(limits);
    let mut current = uri.clone();
    let mut visited: Vec<String> = Vec::new();
    loop {
        let at = current.to_string();
        let fail = |failure| FetchError {
            at: at.clone(),
            failure,
        };
        let chosen =
            proxy::for_address(&current, env).map_err(|bad| fail(Failure::BadProxy(bad)))?;
        let via = chosen.as_ref().map(Via::from);
        let response = agent
            .get(&at)
            .config()
            .proxy(chosen.map(|c| c.proxy))
            .build()
            .call()
            .map_err(|error| fail(failure(&error, &current, via.as_ref(), limits)))?;
        let status = response.status();
        let code = status.as_u16();
        if matches!(code, 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get("location")
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .filter(|value| !value.trim().is_empty())
                .ok_or_else(|| fail(Failure::RedirectWithoutLocation { code }))?;
            let next = address::resolve(&current, &location);
            let next_uri = address::parse(&next)
                .map_err(|_| fail(Failure::RedirectElsewhere { to: next.clone() }))?;
            visited.push(address::comparable(&at).unwrap_or(at.clone()));
            let next_key = address::comparable(&next).unwrap_or(next.clone());
            if visited.contains(&next_key) {
                return Err(fail(Failure::RedirectLoop { to: next }));
            }
            if visited.len() > MAX_REDIRECTS {
                return Err(fail(Failure::TooManyRedirects));
            }
            current = next_uri;
            continue;
        }
        if !status.is_success() {
            return Err(fail(Failure::Status {
                code,
                reason: status.canonical_reason().unwrap_or_default().to_owned(),
            }));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let declared = kind::declared(content_type.as_deref());
        if let Declared::Other { what, mime } = declared {
            return Err(fail(Failure::NotAPage {
                what,
                mime: Some(mime),
            }));
        }
        let mut body = response.into_body();
        let charset = body
            .charset()
            .and_then(|c| Encoding::for_label(c.as_bytes()));
        if let Some(size) = body.content_length().filter(|&s| s > limits.max_bytes) {
            return Err(fail(Failure::TooLarge {
                cap: limits.max_bytes,
                size: Some(size),
            }));
        }
        let mut bytes = Vec::new();
        body.as_reader()
            .take(limits.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| fail(read_failure(&error, &current, limits)))?;
        if bytes.len() as u64 > limits.max_bytes {
            return Err(fail(Failure::TooLarge {
                cap: limits.max_bytes,
                size: None,
            }));
        }
        if declared == Declared::Unknown
            && let Some(what) = kind::sniffed(&bytes)
        {
            return Err(fail(Failure::NotAPage {
                what: what.to_owned(),
                mime: None,
            }));
        }
        return Ok(Fetched {
            address: at,
            bytes,
            charset,
        });
    }
}

/// `host` or `host:port` of an address, for messages.
fn host_of(uri: &Uri) -> String {
    uri.authority()
        .map(|a| a.as_str().rsplit('@').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// A failure of the client, in folio's terms.
fn failure(error: &ureq::Error, uri: &Uri, via: Option<&Via>, limits: &Limits) -> Failure {
    let host = host_of(uri);
    match error {
        ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => Failure::ConnectTimeout {
            host,
            seconds: limits.connect,
            via: via.cloned(),
        },
        ureq::Error::Timeout(_) => Failure::ReadTimeout {
            seconds: limits.read,
        },
        ureq::Error::HostNotFound => Failure::NoSuchHost {
            host: uri.host().unwrap_or_default().to_owned(),
            via: via.cloned(),
        },
        // rustls's errors reach the client as I/O errors of invalid data.
        ureq::Error::Io(io_error)
            if io_error.kind() == io::ErrorKind::InvalidData
                && uri.scheme_str() == Some("https") =>
        {
            Failure::Tls(crate::store::read::io_reason(io_error))
        }
        ureq::Error::Io(io_error) => io_failure(io_error, host, via, limits),
        ureq::Error::ConnectProxyFailed(message) => match via {
            Some(via) => Failure::Proxy {
                via: via.clone(),
                message: message.clone(),
            },
            None => Failure::Answer(message.clone()),
        },
        ureq::Error::Tls(message) => Failure::Tls((*message).to_owned()),
        ureq::Error::Rustls(error) => Failure::Tls(error.to_string()),
        ureq::Error::TooManyRedirects => Failure::TooManyRedirects,
        other => Failure::Answer(other.to_string()),
    }
}

/// A failure while the body was read: the client's own error inside the I/O error, or
/// the I/O error itself.
fn read_failure(error: &io::Error, uri: &Uri, limits: &Limits) -> Failure {
    match error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
    {
        Some(inner) => failure(inner, uri, None, limits),
        None => io_failure(error, host_of(uri), None, limits),
    }
}

fn io_failure(error: &io::Error, host: String, via: Option<&Via>, limits: &Limits) -> Failure {
    use io::ErrorKind as Kind;
    match error.kind() {
        Kind::ConnectionRefused => Failure::Refused {
            host,
            via: via.cloned(),
        },
        Kind::TimedOut | Kind::WouldBlock => Failure::ReadTimeout {
            seconds: limits.read,
        },
        Kind::NetworkUnreachable | Kind::HostUnreachable | Kind::AddrNotAvailable => {
            Failure::Unreachable { host }
        }
        Kind::ConnectionReset
        | Kind::ConnectionAborted
        | Kind::UnexpectedEof
        | Kind::BrokenPipe => Failure::Closed,
        // The system's resolver said no; std has no kind of error for that.
        _ if error.to_string().starts_with("failed to lookup address") => Failure::NoSuchHost {
            host: host
                .rsplit_once(':')
                .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
                .map_or(host.as_str(), |(name, _)| name)
                .to_owned(),
            via: via.cloned(),
        },
        _ => Failure::Answer(crate::store::read::io_reason(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times_read_as_people_write_them() {
        assert_eq!(in_bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(in_bytes(1536), "1.5 KiB");
        assert_eq!(in_bytes(900), "900 bytes");
        assert_eq!(in_seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(in_seconds(Duration::from_millis(2500)), "2.5 s");
    }
}
