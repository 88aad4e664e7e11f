//! `zhengce serve`: the playground's static file server, spoken to over raw TCP so that no client
//! library tidies a malicious path before it reaches the server.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const SECRET: &str = "secret-outside-the-served-directory";

/// A served directory `<tmp>/dist` beside a file it must never hand out (`<tmp>/Cargo.toml`).
struct Site {
    base: PathBuf,
    dist: PathBuf,
}

impl Site {
    fn new() -> Site {
        static N: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir().join(format!(
            "zhengce-serve-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&base);
        let dist = base.join("dist");
        fs::create_dir_all(dist.join("assets")).unwrap();
        fs::write(base.join("Cargo.toml"), SECRET).unwrap();
        fs::write(
            dist.join("index.html"),
            "<!doctype html><title>政策编译器</title>",
        )
        .unwrap();
        fs::write(dist.join("assets/app.js"), "console.log('zc');").unwrap();
        fs::write(dist.join("assets/zc_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        fs::write(dist.join("assets/文件.zc"), "目标 甲 {}").unwrap();
        Site { base, dist }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.base);
    }
}

/// A running `zhengce serve --port 0`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(["serve", "--port", "0", "--dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // 正在提供 http://127.0.0.1:PORT/ (目录 …)
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port }
    }

    /// Sends `request` as is and returns (status code, headers, body).
    fn raw(&self, request: &[u8]) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&answer)));
        let head = String::from_utf8_lossy(&answer[..split]).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
        (status, head, answer[split + 4..].to_vec())
    }

    fn get(&self, target: &str) -> (u16, String, Vec<u8>) {
        self.raw(format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn serves_files_with_their_mime_types() {
    let site = Site::new();
    let server = Server::start(&site.dist);

    let (status, head, body) = server.get("/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(String::from_utf8(body).unwrap().contains("政策编译器"));

    let (status, head, body) = server.get("/assets/zc_bg.wasm");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "content-type"), Some("application/wasm"));
    assert_eq!(header(&head, "content-length"), Some("8"));
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (status, head, _) = server.get("/assets/app.js?v=1");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "content-type"),
        Some("text/javascript; charset=utf-8")
    );

    // A percent-encoded CJK file name is decoded.
    let (status, _, body) = server.get("/assets/%E6%96%87%E4%BB%B6.zc");
    assert_eq!(status, 200);
    assert_eq!(String::from_utf8(body).unwrap(), "目标 甲 {}");

    // HEAD: the head only.
    let (status, head, body) =
        server.raw(b"HEAD /assets/app.js HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "content-length"), Some("18"));
    assert!(body.is_empty());
}

#[test]
fn path_traversal_is_refused() {
    let site = Site::new();
    let server = Server::start(&site.dist);
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/..\\Cargo.toml",
        "/..%5cCargo.toml",
        "//../Cargo.toml",
        "http://127.0.0.1/../Cargo.toml",
    ] {
        let (status, _, body) = server.get(target);
        assert!(status == 400 || status == 404, "{target}: status {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains(SECRET),
            "{target} leaked the file"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_the_directory_are_not_followed() {
    let site = Site::new();
    std::os::unix::fs::symlink(site.base.join("Cargo.toml"), site.dist.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(&site.base, site.dist.join("up")).unwrap();
    // A link that stays inside is fine.
    std::os::unix::fs::symlink(site.dist.join("assets/app.js"), site.dist.join("app.js")).unwrap();
    let server = Server::start(&site.dist);
    for target in ["/leak.txt", "/up/Cargo.toml", "/up/"] {
        let (status, _, body) = server.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(!String::from_utf8_lossy(&body).contains(SECRET));
    }
    assert_eq!(server.get("/app.js").0, 200);
}

#[test]
fn other_requests_are_refused_and_bounded() {
    let site = Site::new();
    let server = Server::start(&site.dist);
    assert_eq!(server.get("/missing.js").0, 404);
    assert_eq!(server.get("/assets/").0, 404); // no index.html there
    let (status, head, _) = server.raw(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
    assert_eq!(status, 405);
    assert_eq!(header(&head, "allow"), Some("GET, HEAD"));
    assert_eq!(server.raw(b"GARBAGE\r\n\r\n").0, 400);
    assert_eq!(server.get("/%zz").0, 400);
    // A request head larger than the limit is not buffered: 431.
    let mut huge = b"GET / HTTP/1.1\r\nX-Fill: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 64 * 1024));
    huge.extend_from_slice(b"\r\n\r\n");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = stream.write_all(&huge);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 431"),
        "{:?}",
        String::from_utf8_lossy(&answer[..answer.len().min(80)])
    );
    // The server is still there.
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_missing_directory_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["serve", "--port", "0", "--dir", "/nonexistent/zhengce-dist"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("playground.sh"), "{stderr}");
}

/// Hidden files and directories are not part of the site, however they are reached.
#[cfg(unix)]
#[test]
fn hidden_files_are_not_served() {
    let site = Site::new();
    fs::write(site.dist.join(".secret"), SECRET).unwrap();
    fs::create_dir_all(site.dist.join(".git")).unwrap();
    fs::write(site.dist.join(".git/config"), SECRET).unwrap();
    fs::write(site.dist.join("assets/.env"), SECRET).unwrap();
    // A visible name that links to a hidden file inside the directory.
    std::os::unix::fs::symlink(site.dist.join(".secret"), site.dist.join("visible.txt")).unwrap();
    let server = Server::start(&site.dist);
    for target in [
        "/.secret",
        "/%2esecret",
        "/.git/config",
        "/assets/.env",
        "/assets/%2Eenv",
        "/visible.txt",
    ] {
        let (status, _, body) = server.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(!String::from_utf8_lossy(&body).contains(SECRET), "{target}");
    }
    assert_eq!(server.get("/assets/app.js").0, 200);
}

/// DNS rebinding: a page on evil.example whose name is made to point at 127.0.0.1 sends
/// `Host: evil.example`. Only loopback names and addresses (and the address listened on) are
/// answered.
#[test]
fn the_host_header_must_name_this_machine() {
    let site = Site::new();
    let server = Server::start(&site.dist);
    let port = server.port;
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "192.0.2.1".to_string(),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
        let (status, _, body) = server.raw(request.as_bytes());
        assert_eq!(status, 403, "{host}");
        assert!(
            !String::from_utf8_lossy(&body).contains("政策编译器"),
            "{host}"
        );
    }
    // No Host at all.
    assert_eq!(server.raw(b"GET / HTTP/1.0\r\n\r\n").0, 403);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "[::1]".to_string(),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(server.raw(request.as_bytes()).0, 200, "{host}");
    }
}

/// Every answer, found or not, carries the headers that keep the page from being framed,
/// sniffed or leaking its address, and a CSP that still lets the playground run (its wasm needs
/// 'wasm-unsafe-eval', its worker worker-src 'self'): `scripts/test-playground.sh` runs the page
/// under it.
#[test]
fn answers_carry_security_headers() {
    let site = Site::new();
    let server = Server::start(&site.dist);
    for target in ["/", "/assets/zc_bg.wasm", "/missing", "/%zz"] {
        let (_, head, _) = server.get(target);
        let csp = header(&head, "content-security-policy").unwrap_or_default();
        for part in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "worker-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{target}: {part} not in {csp:?}");
        }
        assert_eq!(header(&head, "x-frame-options"), Some("DENY"), "{target}");
        assert_eq!(
            header(&head, "referrer-policy"),
            Some("no-referrer"),
            "{target}"
        );
        assert_eq!(
            header(&head, "x-content-type-options"),
            Some("nosniff"),
            "{target}"
        );
    }
}

/// Issue 17, break 5: four connections sending a byte every few seconds blocked every other
/// request for 40 s (four workers, a timeout per read). Now each connection is served apart:
/// with twenty such clients connected, a request is answered at once, and the slow ones are cut
/// off when their head is not in after 5 s.
#[test]
fn slow_clients_do_not_hold_up_others() {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    use std::time::Instant;
    let site = Site::new();
    let server = Server::start(&site.dist);
    let stop = Arc::new(AtomicBool::new(false));
    let mut slow = Vec::new();
    for _ in 0..20 {
        let port = server.port;
        let stop = Arc::clone(&stop);
        slow.push(std::thread::spawn(move || {
            let started = Instant::now();
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            // One byte of a never-ending head every 200 ms, until the server closes.
            for b in b"GET / HTTP/1.1\r\nX-Slow: "
                .iter()
                .chain(std::iter::repeat(&b'a'))
            {
                if stop.load(Ordering::SeqCst) || stream.write_all(&[*b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
                if started.elapsed() > Duration::from_secs(20) {
                    break;
                }
            }
            started.elapsed()
        }));
    }
    // A slow reader too: asks for the wasm and reads nothing.
    let mut reader = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    reader
        .write_all(b"GET /assets/zc_bg.wasm HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..5 {
        let started = Instant::now();
        let (status, _, body) = server.get("/");
        assert_eq!(status, 200);
        assert!(String::from_utf8_lossy(&body).contains("政策编译器"));
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a request took {:?} beside slow clients",
            started.elapsed()
        );
    }
    // The slow clients are disconnected by the head deadline (5 s), not left to hold on.
    for handle in slow {
        let held = handle.join().unwrap();
        assert!(
            held < Duration::from_secs(12),
            "a slow client held on for {held:?}"
        );
    }
    stop.store(true, Ordering::SeqCst);
    drop(reader);
}

/// A port already taken: the error is Chinese, with the address.
#[test]
fn a_port_in_use_is_said_in_chinese() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::new();
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["serve", "--port", &port, "--dir"])
        .arg(&site.dist)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("错误: 无法监听 127.0.0.1:{port}:地址已被占用")),
        "{stderr}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["serve", "--addr", "本机"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("不是有效的 IP 地址"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["serve", "--port", "99999"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("应在 0 到 65535 之间"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
