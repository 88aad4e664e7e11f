//! Writing a file so that it is either the old file or the new one, never half of each.
//!
//! The text goes to a temporary file in the same directory (the same file system, so the rename
//! below is atomic), which is synced to disk and then renamed over the target; the directory is
//! synced too, so that the rename survives a crash. If anything fails on the way (a full disk, a
//! directory without write permission) the temporary file is removed and the target is as it
//! was. `fmt`, `build -o`, `eval -o` and `draft -o` write their files this way. Only a regular
//! file (or a new one) is replaced so: a device or a pipe (`-o /dev/null`) is written to directly.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces (or creates) the file at `path` with `bytes`, atomically. A symbolic link is
/// followed: the file it names is replaced, the link stays. An existing file keeps its
/// permissions.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// [`write_file`] with the contents written by `fill` (for output produced as a stream).
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = resolve(path)?;
    // A device, a pipe or a terminal (`-o /dev/null`, `-o /dev/stdout`) is written to as it is:
    // renaming a file over it would replace the device itself.
    if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        let mut file = fs::OpenOptions::new().write(true).open(&target)?;
        fill(&mut file)?;
        return file.flush();
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".zhengce-tmp")
        .tempfile_in(&dir)
        // tempfile wraps the OS error with the temporary path in English; its kind is what
        // the caller describes (with the path the user gave).
        .map_err(|e| io::Error::from(e.kind()))?;
    fill(temp.as_file_mut())?;
    temp.as_file_mut().flush()?;
    if let Ok(meta) = fs::metadata(&target) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    // The rename is in the directory: sync it so that it is on disk too. Not every system lets
    // a directory be opened for that, and the file itself is already safe, so this is best effort.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The path of the file to replace: `path`, or what it links to.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let d = dir();
        let path = d.path().join("甲.zc");
        fs::write(&path, "旧").unwrap();
        write_file(&path, "新".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "新");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failure_while_writing_leaves_the_old_file_whole() {
        let d = dir();
        let path = d.path().join("甲.zc");
        fs::write(&path, "旧的内容").unwrap();
        let err = write_with(&path, |f| {
            f.write_all("新的一半".as_bytes())?;
            Err(io::Error::from_raw_os_error(28))
        })
        .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert_eq!(fs::read_to_string(&path).unwrap(), "旧的内容");
        assert_eq!(
            fs::read_dir(d.path()).unwrap().count(),
            1,
            "temporary file removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_and_its_target_is_replaced() {
        let d = dir();
        let real = d.path().join("真.zc");
        let link = d.path().join("链接.zc");
        fs::write(&real, "旧").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    /// `-o /dev/null` writes to the device; it must never rename a file over it.
    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_file(Path::new("/dev/null"), b"discarded").unwrap();
        let meta = fs::symlink_metadata("/dev/null").unwrap();
        assert!(meta.file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let path = d.path().join("甲.zc");
        fs::write(&path, "旧").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
