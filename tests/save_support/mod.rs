//! A small HTTP/1.1 server on 127.0.0.1 for the tests of `folio save`: each connection
//! gets one answer, made by the test's function from the request, then is closed. It
//! also answers `CONNECT` as a proxy would, and serves the request sent through the
//! tunnel. It stops when dropped, and by itself after a minute.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest a server runs.
const LIFETIME: Duration = Duration::from_secs(60);

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target: `/path?query`, or `host:port` for CONNECT.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// The CONNECT target when the request came through the tunnel.
    pub tunnelled_to: Option<String>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
pub enum Reply {
    /// An answer: status, headers, body (with a Content-Length unless `chunked`).
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        chunked: bool,
    },
    /// Nothing at all for this long, then the connection is closed.
    Silence(Duration),
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::with_type("text/html; charset=utf-8", body.as_bytes().to_vec())
    }

    pub fn with_type(content_type: &str, body: Vec<u8>) -> Reply {
        Reply::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
            chunked: false,
        }
    }

    pub fn untyped(body: Vec<u8>) -> Reply {
        Reply::Answer {
            status: 200,
            headers: Vec::new(),
            body,
            chunked: false,
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: b"<html><body><p>Not here.</p></body></html>".to_vec(),
            chunked: false,
        }
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
            chunked: false,
        }
    }
}

type Route = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub address: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Starts a server answering each request with `route`.
    pub fn start(route: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking");
        let address = listener.local_addr().expect("address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let route: Arc<Route> = Arc::new(route);
        {
            let requests = Arc::clone(&requests);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::SeqCst) && started.elapsed() < LIFETIME {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let route = Arc::clone(&route);
                            let requests = Arc::clone(&requests);
                            std::thread::spawn(move || serve(stream, &*route, &requests));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            });
        }
        Server {
            address,
            requests,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The requests served so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// An address on 127.0.0.1 where nothing listens (a port just given up).
pub fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address")
}

fn serve(mut stream: TcpStream, route: &Route, requests: &Mutex<Vec<Request>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(mut request) = read_request(&mut stream) else {
        return;
    };
    if request.method == "CONNECT" {
        let to = request.target.clone();
        requests.lock().expect("requests").push(request);
        if stream
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
        let Some(inner) = read_request(&mut stream) else {
            return;
        };
        request = Request {
            tunnelled_to: Some(to),
            ..inner
        };
    }
    let reply = route(&request);
    requests.lock().expect("requests").push(request);
    match reply {
        Reply::Silence(duration) => std::thread::sleep(duration),
        Reply::Answer {
            status,
            headers,
            body,
            chunked,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            if chunked {
                head.push_str("Transfer-Encoding: chunked\r\n");
            } else {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            head.push_str("Connection: close\r\n\r\n");
            let mut out = head.into_bytes();
            if chunked {
                for chunk in body.chunks(1000) {
                    out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    out.extend_from_slice(chunk);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(b"0\r\n\r\n");
            } else {
                out.extend_from_slice(&body);
            }
            // The client may hang up early (a body over its cap): not the test's failure.
            let _ = stream.write_all(&out);
            let _ = stream.flush();
        }
    }
}

/// Reads a request's head (a GET has no body).
fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 || stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Some(Request {
        method,
        target,
        headers,
        tunnelled_to: None,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Other",
    }
}
