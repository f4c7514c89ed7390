//! hello-rust: the dockergen example for the rust stack. A std-only HTTP
//! server: GET / answers "hello from rust\n", GET /healthz answers "ok\n".
//! PORT sets the port (default 8080). `hello-rust --healthcheck` connects to
//! 127.0.0.1:PORT/healthz and exits 0 on a 200 answer, 1 otherwise: the
//! distroless image has no HTTP client to probe with.

use std::env;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process;
use std::thread;
use std::time::Duration;

// std has no signal API. As PID 1 in a container, a process without a
// SIGTERM handler ignores SIGTERM, and `docker stop` waits 10 s for SIGKILL:
// so install one through the C library std already links (no crate).
extern "C" {
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
    fn _exit(status: i32) -> !;
}

const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

extern "C" fn on_signal(_: i32) {
    // _exit is async-signal-safe; there is nothing to flush.
    unsafe { _exit(0) }
}

fn port() -> u16 {
    env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080)
}

fn healthcheck(port: u16) -> i32 {
    let timeout = Some(Duration::from_secs(2));
    let mut conn = match TcpStream::connect(("127.0.0.1", port)) {
        Ok(c) => c,
        Err(_) => return 1,
    };
    let _ = conn.set_read_timeout(timeout);
    let _ = conn.set_write_timeout(timeout);
    if conn
        .write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .is_err()
    {
        return 1;
    }
    let mut status = String::new();
    if BufReader::new(conn).read_line(&mut status).is_err() {
        return 1;
    }
    if status.split_whitespace().nth(1) == Some("200") {
        0
    } else {
        1
    }
}

fn respond(mut conn: TcpStream) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match conn.try_clone() {
        Ok(c) => c,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Drain the headers (up to a blank line) so the client sees a clean close.
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (status, body) = match (method, path) {
        ("GET", "/") | ("HEAD", "/") => ("200 OK", "hello from rust\n"),
        ("GET", "/healthz") | ("HEAD", "/healthz") => ("200 OK", "ok\n"),
        ("GET", _) | ("HEAD", _) => ("404 Not Found", "not found\n"),
        _ => ("405 Method Not Allowed", "method not allowed\n"),
    };
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        status,
        body.len()
    );
    let _ = conn.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = conn.write_all(body.as_bytes());
    }
    let _ = conn.flush();
    let _ = conn.shutdown(std::net::Shutdown::Write);
    let _ = reader.read(&mut [0u8; 64]);
}

fn main() {
    let port = port();
    if env::args().skip(1).any(|a| a == "--healthcheck" || a == "-healthcheck") {
        process::exit(healthcheck(port));
    }
    unsafe {
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
    }
    let listener = match TcpListener::bind(("0.0.0.0", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("hello-rust: listen on :{}: {}", port, e);
            process::exit(1);
        }
    };
    eprintln!("hello-rust: listening on :{}", port);
    for conn in listener.incoming() {
        match conn {
            Ok(c) => {
                // A thread per connection; if none can be started (the pids
                // limit), answer on this one.
                let spare = c.try_clone();
                if thread::Builder::new().spawn(move || respond(c)).is_err() {
                    if let Ok(c) = spare {
                        respond(c);
                    }
                }
            }
            Err(e) => eprintln!("hello-rust: accept: {}", e),
        }
    }
}
