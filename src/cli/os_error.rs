//! Operating-system errors in Chinese.
//!
//! The standard library describes an I/O error in English ("Too many levels of symbolic links
//! (os error 40)"); the CLI says what happened in Chinese instead, always with the path or stream
//! it happened to (the callers add that). Errors without a Chinese text of their own give their
//! error number, never the English.

use std::io::{self, ErrorKind};

/// What went wrong, in Chinese: `没有读取权限`, `磁盘空间不足`, ….
pub fn describe(error: &io::Error) -> String {
    // Errors made by this program (io::Error::new) carry their own text, already Chinese.
    if error.raw_os_error().is_none() {
        if let Some(inner) = error.get_ref() {
            return inner.to_string();
        }
    }
    if let Some(text) = error.raw_os_error().and_then(by_number) {
        return text.to_string();
    }
    let text = match error.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::AddrInUse => "地址已被占用(可能另一个程序正在使用这个端口)",
        ErrorKind::AddrNotAvailable => "本机没有这个地址",
        ErrorKind::ConnectionRefused => "连接被拒绝",
        ErrorKind::ConnectionReset => "连接被对方重置",
        ErrorKind::ConnectionAborted => "连接已中断",
        ErrorKind::NotConnected => "没有连接",
        ErrorKind::BrokenPipe => "管道已关闭",
        ErrorKind::WouldBlock => "操作会阻塞",
        ErrorKind::InvalidInput => "参数无效",
        // What reading a file as text (read_to_string) says when it is not UTF-8.
        ErrorKind::InvalidData => "不是有效的 UTF-8 文本",
        ErrorKind::TimedOut => "超时",
        ErrorKind::WriteZero => "无法写入更多数据",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::Unsupported => "不支持这种操作",
        ErrorKind::UnexpectedEof => "数据意外结束",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::StorageFull => "磁盘空间不足",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        ErrorKind::NotADirectory => "路径中有一项不是目录",
        ErrorKind::IsADirectory => "这是一个目录",
        ErrorKind::QuotaExceeded => "超出磁盘配额",
        _ => "",
    };
    if !text.is_empty() {
        return text.to_string();
    }
    match error.raw_os_error() {
        Some(n) => format!("操作系统错误(错误号 {n})"),
        None => "输入输出错误".to_string(),
    }
}

/// The Linux error numbers a reader of files, directories, pipes and sockets meets.
fn by_number(errno: i32) -> Option<&'static str> {
    Some(match errno {
        1 => "不允许这种操作",
        2 => "文件或目录不存在",
        5 => "输入输出错误(设备或磁盘出错)",
        6 => "设备不存在",
        9 => "文件描述符无效",
        11 => "资源暂时不可用",
        12 => "内存不足",
        13 => "没有权限",
        16 => "设备或资源正忙",
        17 => "文件已经存在",
        18 => "不能跨文件系统移动",
        19 => "没有这种设备",
        20 => "路径中有一段不是目录",
        21 => "这是一个目录",
        22 => "参数无效",
        23 | 24 => "打开的文件过多",
        26 => "文件正在被执行,不能写入",
        27 => "文件过大",
        28 => "磁盘空间不足",
        29 => "不能在其中定位(管道或套接字)",
        30 => "文件系统是只读的",
        31 => "链接过多",
        32 => "管道已关闭",
        36 => "文件名过长",
        39 => "目录不是空的",
        40 => "符号链接层数过多(可能成环)",
        95 => "不支持这种操作",
        98 => "地址已被占用(可能另一个程序正在使用这个端口)",
        99 => "本机没有这个地址",
        104 => "连接被对方重置",
        110 => "连接超时",
        111 => "连接被拒绝",
        122 => "超出磁盘配额",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_described_in_chinese() {
        assert_eq!(describe(&io::Error::from_raw_os_error(28)), "磁盘空间不足");
        assert_eq!(
            describe(&io::Error::from_raw_os_error(40)),
            "符号链接层数过多(可能成环)"
        );
        assert_eq!(
            describe(&io::Error::from(ErrorKind::NotFound)),
            "文件或目录不存在"
        );
        assert_eq!(
            describe(&io::Error::from_raw_os_error(4095)),
            "操作系统错误(错误号 4095)"
        );
        assert_eq!(describe(&io::Error::other("已是中文")), "已是中文");
        // No English anywhere.
        for n in 0..140 {
            let text = describe(&io::Error::from_raw_os_error(n));
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{n}: {text}"
            );
        }
    }
}
