//! The base protocol: `Content-Length` framed JSON-RPC messages, read and written.
//!
//! Our own reader rather than `lsp_server::Connection::stdio`: that one ends the connection at the
//! first message it cannot read, and reads a body of any length it is told. Here a bad header, a
//! body that is not JSON or not a message, or a body over the limit is answered with an error
//! response and the next message is read; the limit counts the bytes actually read, and an
//! oversized body is skipped in small pieces without being held.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;

/// The largest message read: a policy file may have 32 MB (the parser's limit), and its text
/// in a `didOpen` is a little longer once written as JSON.
pub const MAX_MESSAGE_BYTES: usize = 40 * 1024 * 1024;
/// The longest header line.
const MAX_HEADER_LINE: u64 = 1024;

/// What the reader got.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A message that could not be read, to be answered with an error (to its request when the
    /// id could be read).
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
    /// The input ended (an error reading it ends it too).
    End,
}

fn malformed(id: Option<RequestId>, code: ErrorCode, message: impl Into<String>) -> Incoming {
    Incoming::Malformed {
        id,
        code,
        message: message.into(),
    }
}

/// Reads the next message.
pub fn read(r: &mut impl BufRead) -> Incoming {
    let mut length: Option<usize> = None;
    let mut bad_header: Option<String> = None;
    let mut any_header = false;
    loop {
        let mut line = Vec::new();
        match r
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => return Incoming::End,
            Ok(_) => {}
            Err(_) => return Incoming::End,
        }
        if !line.ends_with(b"\n") {
            if line.len() as u64 >= MAX_HEADER_LINE {
                // Skip the rest of an overlong line.
                let mut rest = Vec::new();
                if r.read_until(b'\n', &mut rest).unwrap_or(0) == 0 {
                    return Incoming::End;
                }
                bad_header = Some("消息头的一行过长".to_string());
                continue;
            }
            return Incoming::End;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !any_header {
                // Blank lines between messages.
                continue;
            }
            break;
        }
        any_header = true;
        let Some((name, value)) = text.split_once(':') else {
            bad_header = Some(format!("消息头「{text}」不是「名称: 值」的形式"));
            continue;
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(n) => length = Some(n),
                Err(_) => bad_header = Some(format!("Content-Length「{}」不是数字", value.trim())),
            }
        }
    }
    let Some(length) = length else {
        let why = bad_header.unwrap_or_else(|| "消息头缺少 Content-Length".to_string());
        return malformed(None, ErrorCode::ParseError, why);
    };
    if length > MAX_MESSAGE_BYTES {
        // Skip the body, counting what is actually there.
        let skipped = io::copy(&mut r.by_ref().take(length as u64), &mut io::sink()).unwrap_or(0);
        if skipped < length as u64 {
            return Incoming::End;
        }
        return malformed(
            None,
            ErrorCode::InvalidRequest,
            format!("消息过大:{length} 字节,超过上限 {MAX_MESSAGE_BYTES} 字节"),
        );
    }
    let mut body = Vec::new();
    match r.by_ref().take(length as u64).read_to_end(&mut body) {
        Ok(n) if n == length => {}
        _ => return Incoming::End,
    }
    if let Some(why) = bad_header {
        return malformed(None, ErrorCode::ParseError, why);
    }
    parse(&body)
}

/// A body as a message.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) if e.is_syntax() || e.is_eof() => {
            let why = if std::str::from_utf8(body).is_err() {
                "消息不是有效的 UTF-8 文本".to_string()
            } else {
                format!("消息不是有效的 JSON:第 {} 行第 {} 列", e.line(), e.column())
            };
            return malformed(None, ErrorCode::ParseError, why);
        }
        Err(e) => return malformed(None, ErrorCode::ParseError, format!("消息无法读取:{e}")),
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    if !value.is_object() {
        return malformed(id, ErrorCode::InvalidRequest, "消息应是一个 JSON 对象");
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(_) => malformed(
            id,
            ErrorCode::InvalidRequest,
            "消息不是 JSON-RPC 请求、通知或响应(缺少 method,或 id、params 的类型不对)",
        ),
    }
}

/// Writes messages; the first error is kept and every later write is skipped, so that the loop
/// can end the run with it.
pub struct Output<W: Write> {
    out: W,
    pub error: Option<io::Error>,
}

impl<W: Write> Output<W> {
    pub fn new(out: W) -> Output<W> {
        Output { out, error: None }
    }

    pub fn send(&mut self, message: Message) {
        if self.error.is_none() {
            if let Err(e) = message.write(&mut self.out) {
                self.error = Some(e);
            }
        }
    }

    /// An error response to a message whose id could not be read (`"id": null`).
    pub fn send_error(&mut self, id: Option<RequestId>, code: ErrorCode, message: &str) {
        let error = serde_json::json!({"code": code as i32, "message": message});
        let id = id.map_or(Value::Null, |id| {
            serde_json::to_value(id).unwrap_or(Value::Null)
        });
        let text = serde_json::json!({"jsonrpc": "2.0", "id": id, "error": error}).to_string();
        if self.error.is_none() {
            let written = write!(self.out, "Content-Length: {}\r\n\r\n{text}", text.len())
                .and_then(|()| self.out.flush());
            if let Err(e) = written {
                self.error = Some(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read(&mut r) {
                Incoming::End => return out,
                other => out.push(other),
            }
        }
    }

    #[test]
    fn bad_messages_are_answered_and_reading_goes_on() {
        let input = [
            frame("{nope"),
            "X-Nothing: 1\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":[]}"#),
            frame("[1,2]"),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let got = read_all(&input);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(matches!(
            got[0],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(got[1], Incoming::Malformed { id: None, .. }));
        assert!(
            matches!(&got[2], Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(7))
        );
        assert!(matches!(got[3], Incoming::Malformed { .. }));
        assert!(
            matches!(&got[4], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn an_oversized_body_is_skipped_and_a_short_one_ends_the_input() {
        let big = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE_BYTES + 1)
            + &" ".repeat(MAX_MESSAGE_BYTES + 1)
            + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let got = read_all(&big);
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Incoming::Malformed { .. }));
        assert!(matches!(
            got[1],
            Incoming::Message(Message::Notification(_))
        ));
        assert!(read_all("Content-Length: 50\r\n\r\n{}").is_empty());
    }
}
