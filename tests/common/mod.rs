//! What the end-to-end tests of the `zhengce` binary share (`tests/cli.rs`, `runtime_cli.rs`,
//! `ir.rs`, `fmt.rs`, `formats.rs`, `reliability.rs`): running it in a predictable environment, reading what it printed, and
//! temporary directories.

// Each test crate compiles its own copy of this module and uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary with a predictable environment: run from the package root, no colour variables.
pub fn zhengce() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        cmd.env_remove(var);
    }
    cmd
}

pub fn run(args: &[&str]) -> Output {
    run_in(zhengce(), args)
}

pub fn run_in(mut cmd: Command, args: &[&str]) -> Output {
    cmd.args(args).output().expect("the zhengce binary runs")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Exit code, stdout and stderr in one text for a snapshot.
pub fn transcript(out: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        code(out),
        stdout(out),
        stderr(out)
    )
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Named after the test crate and the process as well, so that test binaries running at the
    /// same time do not share a directory.
    pub fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "zhengce-{}-{}-{test}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// The directory itself.
    pub fn dir(&self) -> &Path {
        &self.0
    }

    /// The full path of `name` in this directory.
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// Writes a file and returns its full path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        fs::write(self.0.join(name), contents).expect("write temp file");
        self.path(name)
    }

    /// Reads a file of this directory.
    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.0.join(name)).expect("read temp file")
    }

    /// Runs the binary from inside this directory, so file names stay relative.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = zhengce();
        cmd.current_dir(&self.0);
        run_in(cmd, args)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
