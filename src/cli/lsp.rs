//! `zhengce lsp`: the language server on standard input and output (the `zhengce-lsp` crate),
//! with the CLI's reader of policy sets as its view of the disk.

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use zhengce_lsp::{Ended, LoadedSet, Workspace};

use super::{input, print_stderr, Exit};

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it (VS Code's client does); stdio is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// The file that marks a policy set's directory.
const CONFIG_FILE: &str = "zhengce.toml";

/// The policy sets on disk, read as `zhengce check DIR` reads them.
struct Disk;

impl Workspace for Disk {
    /// The nearest directory with a `zhengce.toml`, else the file's own directory.
    fn root_of(&self, file: &Path) -> PathBuf {
        let dir = file.parent().unwrap_or(file);
        dir.ancestors()
            .find(|d| d.join(CONFIG_FILE).is_file())
            .unwrap_or(dir)
            .to_path_buf()
    }

    fn load(&self, root: &Path) -> LoadedSet {
        match input::load(&[root.to_path_buf()]) {
            Ok(loaded) => LoadedSet {
                sources: loaded.sources,
                diagnostics: loaded.diagnostics,
                ..LoadedSet::default()
            },
            Err(errors) => LoadedSet {
                problems: errors.iter().map(|e| e.to_string()).collect(),
                ..LoadedSet::default()
            },
        }
    }
}

pub fn run(_args: &LspArgs) -> Exit {
    let input = io::BufReader::new(io::stdin());
    match zhengce_lsp::run(input, io::stdout().lock(), Disk) {
        Ok(Ended::Cleanly) => Exit::Clean,
        Ok(Ended::WithoutShutdown) => Exit::Findings,
        Err(e) => {
            print_stderr(&format!("错误: 无法写出语言服务器的回应:{e}\n"));
            Exit::Failure
        }
    }
}
