//! Every byte the CLI writes to standard output and standard error goes through here, checked.
//!
//! A write that fails (a full disk behind `> file`, `/dev/full`, a closed terminal) is said at
//! once on standard error, in Chinese with the reason; the stream is then left alone, and when
//! the command ends ([`finish`]) the run exits with code 2. A closed pipe
//! (`zhengce check … | head`) is not a failure: the reader has seen what it wanted, so writing
//! to that stream stops quietly and the exit code is the command's own.

use std::io::{self, Write};
use std::sync::Mutex;

use super::os_error::describe;
use super::Exit;

/// What became of a stream.
#[derive(Debug, Default)]
enum State {
    #[default]
    Open,
    /// Its reader went away: nothing more is written, nothing is wrong.
    Closed,
    /// A write failed: nothing more is written, and the run fails.
    Failed(io::Error),
}

static STDOUT: Mutex<State> = Mutex::new(State::Open);
static STDERR: Mutex<State> = Mutex::new(State::Open);

/// Writes to standard output; a failure is reported and remembered for [`finish`].
pub fn print_stdout(text: &str) {
    let _ = write_stdout(text);
}

/// Writes to standard error; a failure is remembered for [`finish`].
pub fn print_stderr(text: &str) {
    let _ = write(&STDERR, &mut io::stderr().lock(), text.as_bytes());
}

/// Writes to standard output and says whether the text got there: `Ok` when it was written or
/// the reader has gone away (see the module); the error otherwise, which has been reported on
/// standard error and is remembered for [`finish`]. For a command whose summary must say whether
/// its output was written.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let result = write(&STDOUT, &mut io::stdout().lock(), text.as_bytes());
    if let Err(e) = &result {
        report_stdout_failure(e);
    }
    result
}

/// Says (once) that standard output failed.
fn report_stdout_failure(error: &io::Error) {
    static REPORTED: std::sync::Once = std::sync::Once::new();
    REPORTED.call_once(|| print_stderr(&format!("错误: 无法写入标准输出:{error}\n")));
}

fn write(state: &Mutex<State>, out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
    if !matches!(*state, State::Open) {
        return match &*state {
            State::Failed(e) => Err(io::Error::new(e.kind(), describe(e))),
            _ => Ok(()),
        };
    }
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            *state = State::Closed;
            Ok(())
        }
        Err(e) => {
            let returned = io::Error::new(e.kind(), describe(&e));
            *state = State::Failed(e);
            Err(returned)
        }
    }
}

/// Reports and remembers that a write of the command's own to standard output (the batch
/// output, written through its own buffer) found it closed or failing, as if the write had gone
/// through [`print_stdout`].
pub fn note_stdout_error(error: io::Error) {
    let mut state = STDOUT.lock().unwrap_or_else(|e| e.into_inner());
    if matches!(*state, State::Open) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            *state = State::Closed;
        } else {
            drop(state);
            report_stdout_failure(&io::Error::new(error.kind(), describe(&error)));
            *STDOUT.lock().unwrap_or_else(|e| e.into_inner()) = State::Failed(error);
        }
    }
}

/// The exit code of a run that ended with `exit`: 2 when a write to standard output or standard
/// error failed (the failure has been reported where that was still possible).
pub fn finish(exit: Exit) -> Exit {
    let failed = [&STDOUT, &STDERR].iter().any(|s| {
        matches!(
            *s.lock().unwrap_or_else(|e| e.into_inner()),
            State::Failed(_)
        )
    });
    if failed {
        Exit::Failure
    } else {
        exit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails like a full disk, or like a pipe whose reader has gone.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_remembered_and_a_closed_pipe_is_not_a_failure() {
        let state = Mutex::new(State::Open);
        let full = io::Error::from_raw_os_error(28);
        assert!(write(&state, &mut Failing(full.kind()), b"x").is_err());
        assert!(matches!(*state.lock().unwrap(), State::Failed(_)));
        // Later writes are not attempted and still fail.
        assert!(write(&state, &mut Vec::new(), b"x").is_err());

        let state = Mutex::new(State::Open);
        assert!(write(&state, &mut Failing(io::ErrorKind::BrokenPipe), b"x").is_ok());
        assert!(matches!(*state.lock().unwrap(), State::Closed));
        let mut out = Vec::new();
        assert!(write(&state, &mut out, b"x").is_ok());
        assert!(out.is_empty(), "nothing is written after the pipe closed");
    }
}
