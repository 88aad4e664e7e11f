//! `zhengce serve`: a small static file server for the web playground (web-playground/dist).
//!
//! Plain `std`, no framework. What it does, and all it does:
//! - binds 127.0.0.1 unless told otherwise, and says so when told otherwise;
//! - answers `GET` and `HEAD` with files under the served directory, `/` and directories with
//!   their `index.html`, with the MIME type the browser needs (`application/wasm` for .wasm);
//! - refuses anything that could reach outside the directory: `..` segments (also when
//!   percent-encoded: `%2e%2e`, `..%2f`), backslashes, NUL, absolute-form targets, invalid
//!   escapes (400); and symbolic links that lead outside it (404, checked on the canonical path);
//! - is bounded: a request head of at most 8 KiB read with a timeout, request bodies never read,
//!   a fixed pool of worker threads behind a bounded queue (a full queue answers 503), files
//!   streamed through a fixed buffer; one request per connection (`Connection: close`).

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use clap::Args;

use super::{print_stderr, print_stdout, Exit};

/// The largest request head (request line and headers) read; more is answered with 431.
const MAX_HEAD: usize = 8 * 1024;
/// Worker threads, and connections that may wait for one.
const WORKERS: usize = 4;
const QUEUE: usize = 64;
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct ServeArgs {
    #[arg(
        long,
        default_value_t = 8000,
        hide_default_value = true,
        value_name = "端口",
        help = "监听的端口(默认 8000;0 表示任选一个空闲端口)"
    )]
    pub port: u16,

    #[arg(
        long,
        default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST),
        hide_default_value = true,
        value_name = "地址",
        help = "监听的地址(默认 127.0.0.1,只有本机可以访问)"
    )]
    pub addr: IpAddr,

    #[arg(
        long,
        default_value = "web-playground/dist",
        hide_default_value = true,
        value_name = "目录",
        help = "要提供的目录(默认 web-playground/dist,由 ./scripts/playground.sh 构建)"
    )]
    pub dir: PathBuf,
}

pub fn run(args: &ServeArgs) -> Exit {
    let root = match args.dir.canonicalize() {
        Ok(root) if root.is_dir() => root,
        Ok(_) => {
            print_stderr(&format!("错误: {} 不是目录\n", args.dir.display()));
            return Exit::Failure;
        }
        Err(e) => {
            print_stderr(&format!(
                "错误: 无法打开目录 {}:{e}\n提示: 先运行 ./scripts/playground.sh 构建在线试用页面\n",
                args.dir.display()
            ));
            return Exit::Failure;
        }
    };
    let listener = match TcpListener::bind(SocketAddr::new(args.addr, args.port)) {
        Ok(l) => l,
        Err(e) => {
            print_stderr(&format!("错误: 无法监听 {}:{}:{e}\n", args.addr, args.port));
            return Exit::Failure;
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            print_stderr(&format!("错误: {e}\n"));
            return Exit::Failure;
        }
    };
    if !args.addr.is_loopback() {
        print_stderr(&format!(
            "警告: 监听 {},本机以外的计算机也可以访问\n",
            args.addr
        ));
    }
    let host = match local {
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        SocketAddr::V4(a) => a.to_string(),
    };
    print_stdout(&format!(
        "正在提供 http://{host}/ (目录 {}),按 Ctrl+C 停止\n",
        root.display()
    ));
    serve(listener, Arc::new(root));
    Exit::Clean
}

/// Accepts connections forever, handing each to the worker pool.
fn serve(listener: TcpListener, root: Arc<PathBuf>) {
    let (tx, rx) = sync_channel::<TcpStream>(QUEUE);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..WORKERS {
        let rx = Arc::clone(&rx);
        let root = Arc::clone(&root);
        thread::spawn(move || worker(&rx, &root));
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        match tx.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(mut stream)) => {
                let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
                let _ = respond_text(&mut stream, Status::Busy, false);
            }
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

fn worker(rx: &Mutex<Receiver<TcpStream>>, root: &Path) {
    loop {
        let next = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(mut stream) = next else { return };
        // A client that goes away mid-answer is not an error of the server.
        let _ = handle(&mut stream, root);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    BadRequest,
    NotFound,
    MethodNotAllowed,
    HeadTooLarge,
    Busy,
}

impl Status {
    fn line(self) -> &'static str {
        match self {
            Status::Ok => "200 OK",
            Status::BadRequest => "400 Bad Request",
            Status::NotFound => "404 Not Found",
            Status::MethodNotAllowed => "405 Method Not Allowed",
            Status::HeadTooLarge => "431 Request Header Fields Too Large",
            Status::Busy => "503 Service Unavailable",
        }
    }

    fn text(self) -> &'static str {
        match self {
            Status::Ok => "",
            Status::BadRequest => "请求无效\n",
            Status::NotFound => "找不到该文件\n",
            Status::MethodNotAllowed => "只支持 GET 和 HEAD\n",
            Status::HeadTooLarge => "请求头过长\n",
            Status::Busy => "服务器繁忙,请稍后再试\n",
        }
    }
}

fn handle(stream: &mut TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let head = match read_head(stream)? {
        Some(head) => head,
        None => {
            respond_text(stream, Status::HeadTooLarge, false)?;
            return linger(stream);
        }
    };
    let Some((method, target)) = request_line(&head) else {
        return respond_text(stream, Status::BadRequest, false);
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond_text(stream, Status::MethodNotAllowed, false);
    }
    match resolve(root, target) {
        Ok(path) => respond_file(stream, &path, head_only),
        Err(status) => respond_text(stream, status, head_only),
    }
}

/// Reads up to the blank line that ends the request head; `None` when it is longer than
/// [`MAX_HEAD`]. A connection closed early gives what was read (and then a 400).
fn read_head(stream: &mut TcpStream) -> io::Result<Option<String>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
        if head.windows(4).any(|w| w == b"\r\n\r\n") || head.windows(2).any(|w| w == b"\n\n") {
            break;
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
    }
    Ok(Some(String::from_utf8_lossy(&head).into_owned()))
}

/// After answering a request that was not read to its end: stop writing, then read and drop a
/// bounded amount of what the client is still sending, so that closing does not reset the
/// connection before the client has read the answer.
fn linger(stream: &mut TcpStream) -> io::Result<()> {
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    let mut buf = [0u8; 4096];
    let mut left: usize = 1024 * 1024;
    while left > 0 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
    Ok(())
}

/// `GET /path HTTP/1.1` → (`GET`, `/path`).
fn request_line(head: &str) -> Option<(&str, &str)> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    if parts.next().is_some() || !version.starts_with("HTTP/1.") {
        return None;
    }
    Some((method, target))
}

/// The file a request target names under `root`, or why there is none.
///
/// The target must be origin-form (`/…`); the query and fragment are dropped; the path is
/// percent-decoded and then split into segments. A `..` segment, a backslash or a NUL anywhere
/// is a bad request, whatever its encoding, so nothing is ever joined that could climb out. The
/// joined path is then canonicalised (following symbolic links) and must still lie under the
/// canonical `root`.
pub fn resolve(root: &Path, target: &str) -> Result<PathBuf, Status> {
    if !target.starts_with('/') {
        return Err(Status::BadRequest);
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path).ok_or(Status::BadRequest)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Status::BadRequest);
    }
    let mut full = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Status::BadRequest),
            s => {
                // Each segment must be one plain name (no drive prefix, no root).
                let mut components = Path::new(s).components();
                match (components.next(), components.next()) {
                    (Some(Component::Normal(_)), None) => full.push(s),
                    _ => return Err(Status::BadRequest),
                }
            }
        }
    }
    let mut canonical = full.canonicalize().map_err(|_| Status::NotFound)?;
    if !canonical.starts_with(root) {
        return Err(Status::NotFound);
    }
    if canonical.is_dir() {
        canonical = canonical
            .join("index.html")
            .canonicalize()
            .map_err(|_| Status::NotFound)?;
        if !canonical.starts_with(root) {
            return Err(Status::NotFound);
        }
    }
    if canonical.is_file() {
        Ok(canonical)
    } else {
        Err(Status::NotFound)
    }
}

/// `%XX` escapes decoded; `None` for a bad escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file, by its extension.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt" | "zc" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond_file(stream: &mut TcpStream, path: &Path, head_only: bool) -> io::Result<()> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(_) => return respond_text(stream, Status::NotFound, head_only),
    };
    let length = file.metadata()?.len();
    let mut out = BufWriter::with_capacity(16 * 1024, stream);
    write_head(&mut out, Status::Ok, mime_type(path), length)?;
    if !head_only {
        // io::copy streams through a fixed buffer, whatever the file's size.
        io::copy(&mut file, &mut out)?;
    }
    out.flush()
}

fn respond_text(stream: &mut TcpStream, status: Status, head_only: bool) -> io::Result<()> {
    let body = status.text();
    let mut out = BufWriter::new(stream);
    write_head(
        &mut out,
        status,
        "text/plain; charset=utf-8",
        body.len() as u64,
    )?;
    if !head_only {
        out.write_all(body.as_bytes())?;
    }
    out.flush()
}

fn write_head(out: &mut impl Write, status: Status, mime: &str, length: u64) -> io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {}\r\nContent-Type: {mime}\r\nContent-Length: {length}\r\n\
         X-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nConnection: close\r\n",
        status.line()
    )?;
    if status == Status::MethodNotAllowed {
        out.write_all(b"Allow: GET, HEAD\r\n")?;
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/%E6%96%87.zc").as_deref(), Some("/文.zc"));
        assert_eq!(percent_decode("/%2e%2e/").as_deref(), Some("/../"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn request_lines() {
        assert_eq!(
            request_line("GET /a.js HTTP/1.1\r\nHost: x\r\n\r\n"),
            Some(("GET", "/a.js"))
        );
        assert_eq!(request_line("GET /a b HTTP/1.1\r\n"), None);
        assert_eq!(request_line("GET /a\r\n"), None);
    }

    #[test]
    fn traversal_is_refused_before_the_file_system_is_asked() {
        let root = Path::new("/nonexistent-root");
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/a/../../Cargo.toml",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/a%00b",
            "http://example.com/Cargo.toml",
            "Cargo.toml",
        ] {
            assert_eq!(resolve(root, target), Err(Status::BadRequest), "{target}");
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("x.JS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("x")), "application/octet-stream");
    }
}
