//! `zhengce serve`: a small static file server for the web playground (web-playground/dist).
//!
//! hyper's HTTP/1 server on a single-threaded tokio runtime: every connection is a task of its
//! own, so a client that sends or reads slowly holds up nobody else. What it does, and all it does:
//! - binds 127.0.0.1 unless told otherwise, and says so when told otherwise;
//! - answers `GET` and `HEAD` with files under the served directory, `/` and directories with
//!   their `index.html`, with the MIME type the browser needs (`application/wasm` for .wasm);
//! - refuses anything that could reach outside the directory: `..` segments (also when
//!   percent-encoded: `%2e%2e`, `..%2f`), backslashes, NUL, absolute-form targets, invalid
//!   escapes (400); symbolic links that lead outside it and hidden files (`/.git/…`, `/.env`)
//!   (404, checked on the canonical path);
//! - answers only requests whose `Host` is a loopback name or address or the address it listens
//!   on (403 otherwise), so that a web page cannot reach it through a DNS name of its own that
//!   points at 127.0.0.1 (DNS rebinding);
//! - sends a Content-Security-Policy (scripts and wasm from the page's own origin, nothing
//!   framing it), `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
//!   `X-Content-Type-Options: nosniff` with every answer;
//! - is bounded: a request head of at most 8 KiB that must arrive within [`HEAD_DEADLINE`]
//!   (431 or the connection closed otherwise), request bodies never read, one request per
//!   connection, each connection over after [`CONNECTION_DEADLINE`] whatever it is doing, at most
//!   [`MAX_CONNECTIONS`] at once (503 beyond), files streamed through a fixed buffer.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use clap::Args;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::header;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use super::os_error::describe;
use super::{print_stderr, print_stdout, Exit};

/// The largest request head hyper reads (its smallest setting); a longer one is answered 431.
const MAX_HEAD: usize = 8 * 1024;
/// A client must have sent its whole request head within this time.
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// A connection is closed after this long, whatever it is doing (a client reading an answer a
/// byte at a time, say).
const CONNECTION_DEADLINE: Duration = Duration::from_secs(30);
/// Connections served at once; more are answered 503 and closed.
const MAX_CONNECTIONS: usize = 256;
/// Bytes read from a file at a time.
const CHUNK: usize = 16 * 1024;

/// The Content-Security-Policy of every answer: what the playground's page needs (its own
/// scripts, wasm compiled from its own origin, its worker, inline styles CodeMirror sets) and
/// nothing else; no page may frame it.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

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
                "错误: 无法打开目录 {}:{}\n提示: 先运行 ./scripts/playground.sh 构建在线试用页面\n",
                args.dir.display(),
                describe(&e)
            ));
            return Exit::Failure;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            print_stderr(&format!("错误: 无法启动服务:{}\n", describe(&e)));
            return Exit::Failure;
        }
    };
    runtime.block_on(async {
        let wanted = SocketAddr::new(args.addr, args.port);
        let listener = match TcpListener::bind(wanted).await {
            Ok(l) => l,
            Err(e) => {
                print_stderr(&format!("错误: 无法监听 {wanted}:{}\n", describe(&e)));
                return Exit::Failure;
            }
        };
        let local = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                print_stderr(&format!("错误: 无法取得监听的地址:{}\n", describe(&e)));
                return Exit::Failure;
            }
        };
        if !args.addr.is_loopback() {
            print_stderr(&format!(
                "警告: 监听 {},本机以外的计算机也可以访问\n",
                args.addr
            ));
        }
        print_stdout(&format!(
            "正在提供 http://{local}/ (目录 {}),按 Ctrl+C 停止\n",
            root.display()
        ));
        let site = Arc::new(Site {
            root,
            addr: args.addr,
        });
        serve(listener, site).await;
        Exit::Clean
    })
}

/// What every request is answered from.
struct Site {
    root: PathBuf,
    /// The address listened on: a Host naming it is accepted.
    addr: IpAddr,
}

/// Accepts connections until the process is stopped, each served by a task of its own.
async fn serve(listener: TcpListener, site: Arc<Site>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: wait a moment rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let slot = Arc::clone(&slots).try_acquire_owned().ok();
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let busy = slot.is_none();
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEAD_DEADLINE)
                .max_buf_size(MAX_HEAD)
                .keep_alive(false);
            let service = hyper::service::service_fn(move |request| {
                let site = Arc::clone(&site);
                async move { Ok::<_, Infallible>(answer(&site, request, busy).await) }
            });
            let connection = http.serve_connection(TokioIo::new(stream), service);
            // A connection that outlives the deadline is dropped, and its socket closed; one
            // beyond the limit only gets the time to be told so.
            let deadline = if busy {
                Duration::from_secs(1)
            } else {
                CONNECTION_DEADLINE
            };
            let _ = tokio::time::timeout(deadline, connection).await;
            drop(slot);
        });
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    BadRequest,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Busy,
}

impl Status {
    fn code(self) -> StatusCode {
        match self {
            Status::Ok => StatusCode::OK,
            Status::BadRequest => StatusCode::BAD_REQUEST,
            Status::Forbidden => StatusCode::FORBIDDEN,
            Status::NotFound => StatusCode::NOT_FOUND,
            Status::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Status::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Status::Ok => "",
            Status::BadRequest => "请求无效\n",
            Status::Forbidden => "不接受这个 Host:请用 127.0.0.1 或 localhost 访问\n",
            Status::NotFound => "找不到该文件\n",
            Status::MethodNotAllowed => "只支持 GET 和 HEAD\n",
            Status::Busy => "服务器繁忙,请稍后再试\n",
        }
    }
}

type Answer = Response<http_body_util::combinators::BoxBody<Bytes, io::Error>>;

async fn answer(site: &Site, request: Request<Incoming>, busy: bool) -> Answer {
    let head_only = request.method() == Method::HEAD;
    if busy {
        return text(Status::Busy, head_only);
    }
    if request.method() != Method::GET && !head_only {
        return text(Status::MethodNotAllowed, false);
    }
    if !host_allowed(&request, site.addr) {
        return text(Status::Forbidden, head_only);
    }
    // hyper keeps the target as sent: origin-form `/…`, or absolute-form, which is refused.
    let target = request
        .uri()
        .path_and_query()
        .map_or("", |p| p.as_str())
        .to_string();
    if request.uri().scheme().is_some() {
        return text(Status::BadRequest, head_only);
    }
    match resolve(&site.root, &target) {
        Ok(path) => file(&path, head_only).await,
        Err(status) => text(status, head_only),
    }
}

/// Whether the request's Host names this server as a browser on this machine would: a loopback
/// name or address, or the address listened on (any address literal when that is all
/// interfaces). A name that merely resolves to 127.0.0.1 is not enough: that is DNS rebinding.
fn host_allowed<B>(request: &Request<B>, addr: IpAddr) -> bool {
    let Some(host) = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    host_matches(host, addr)
}

/// [`host_allowed`] on the header's text: `localhost`, `127.0.0.1:8000`, `[::1]:8000`, ….
pub fn host_matches(host: &str, addr: IpAddr) -> bool {
    let host = host.trim().to_ascii_lowercase();
    // Without the port: `[v6]:port`, `[v6]`, `name:port`, `name`.
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || after.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host.as_str(),
        }
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == addr || addr.is_unspecified(),
        Err(_) => false,
    }
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
            // Hidden files and directories (.git, .env) are not part of a site.
            s if s.starts_with('.') => return Err(Status::NotFound),
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
    if !canonical.starts_with(root) || hidden_inside(root, &canonical) {
        return Err(Status::NotFound);
    }
    if canonical.is_dir() {
        canonical = canonical
            .join("index.html")
            .canonicalize()
            .map_err(|_| Status::NotFound)?;
        if !canonical.starts_with(root) || hidden_inside(root, &canonical) {
            return Err(Status::NotFound);
        }
    }
    if canonical.is_file() {
        Ok(canonical)
    } else {
        Err(Status::NotFound)
    }
}

/// Whether a link led to a hidden file or directory under `root` (`app.js` → `.secret`).
fn hidden_inside(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|rest| {
        rest.components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')))
    })
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

/// The headers every answer carries.
fn headers(status: Status, mime: &str, length: u64) -> hyper::http::response::Builder {
    let mut b = Response::builder()
        .status(status.code())
        .header(header::CONTENT_TYPE, mime)
        .header(header::CONTENT_LENGTH, length)
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_FRAME_OPTIONS, "DENY")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "no-cache");
    if status == Status::MethodNotAllowed {
        b = b.header(header::ALLOW, "GET, HEAD");
    }
    b
}

fn text(status: Status, head_only: bool) -> Answer {
    let body = status.text();
    let content = if head_only { "" } else { body };
    let full = Full::new(Bytes::from_static(content.as_bytes()))
        .map_err(|never| match never {})
        .boxed();
    headers(status, "text/plain; charset=utf-8", body.len() as u64)
        .body(full)
        .unwrap_or_else(|_| Response::new(empty()))
}

fn empty() -> http_body_util::combinators::BoxBody<Bytes, io::Error> {
    Full::new(Bytes::new())
        .map_err(|never| match never {})
        .boxed()
}

async fn file(path: &Path, head_only: bool) -> Answer {
    let Ok(file) = tokio::fs::File::open(path).await else {
        return text(Status::NotFound, head_only);
    };
    let Ok(meta) = file.metadata().await else {
        return text(Status::NotFound, head_only);
    };
    let body = if head_only {
        empty()
    } else {
        FileBody {
            file,
            left: meta.len(),
        }
        .boxed()
    };
    headers(Status::Ok, mime_type(path), meta.len())
        .body(body)
        .unwrap_or_else(|_| Response::new(empty()))
}

/// A file sent [`CHUNK`] bytes at a time, and no more than its length when it was opened.
struct FileBody {
    file: tokio::fs::File,
    left: u64,
}

impl Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let want = CHUNK.min(usize::try_from(self.left).unwrap_or(CHUNK));
        let mut buf = vec![0u8; want];
        let mut read = ReadBuf::new(&mut buf);
        match Pin::new(&mut self.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Ready(Ok(())) => {
                let n = read.filled().len();
                if n == 0 {
                    // The file shrank since it was opened: end here rather than wait.
                    self.left = 0;
                    return Poll::Ready(None);
                }
                self.left -= n as u64;
                buf.truncate(n);
                Poll::Ready(Some(Ok(Frame::data(Bytes::from(buf)))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }
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
    fn hosts() {
        let local = IpAddr::V4(Ipv4Addr::LOCALHOST);
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:8000",
            "app.localhost",
            "127.0.0.1",
            "127.0.0.1:8000",
            "127.1.2.3:80",
            "[::1]:8000",
            "[::1]",
        ] {
            assert!(host_matches(ok, local), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5:8000",
            "[::1",
            "",
            "127.0.0.1:80:80",
        ] {
            assert!(!host_matches(refused, local), "{refused}");
        }
        // Listening on a LAN address: that address too; on all interfaces, any address.
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_matches("192.168.1.5:8000", lan));
        assert!(!host_matches("192.168.1.6:8000", lan));
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_matches("10.0.0.7:8000", all));
        assert!(!host_matches("evil.example", all));
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
