//! `zhengce lsp`: the language server on standard input and output (the `zhengce-lsp` crate),
//! with the CLI's readers of policy sets and of `zhengce.toml` as its view of the disk, so that
//! what it publishes is what `zhengce check DIR` reports: the same files, the same lint levels,
//! the same suppressions (applied by the check itself).

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use zhengce_lsp::{Ended, LoadedSet, SetRoot, Workspace};

use super::{config, input, print_stderr, Exit};

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it (VS Code's client does); stdio is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// The policy sets on disk, read as `zhengce check DIR` reads them.
struct Disk;

impl Workspace for Disk {
    /// The nearest directory with a `zhengce.toml` (all its files), else the file's own
    /// directory (the files directly in it).
    fn root_of(&self, file: &Path) -> SetRoot {
        let dir = file.parent().unwrap_or(file);
        match dir
            .ancestors()
            .find(|d| d.join(config::FILE_NAME).is_file())
        {
            Some(project) => SetRoot {
                dir: project.to_path_buf(),
                recursive: true,
            },
            None => SetRoot {
                dir: dir.to_path_buf(),
                recursive: false,
            },
        }
    }

    /// The set's files and, for a project, the lint levels of its `zhengce.toml`. A
    /// configuration that cannot be read is a problem shown to the user, and the set is checked
    /// with the catalogue's levels meanwhile (`zhengce check` stops instead: an editor should
    /// keep answering while the file is being written).
    fn load(&self, root: &SetRoot) -> LoadedSet {
        let mut set = LoadedSet::default();
        let paths = if root.recursive {
            match config::load(Some(&root.dir.join(config::FILE_NAME)), &[]) {
                Ok(config) => set.options.lints = config.lints,
                Err(problems) => set.problems.extend(problems),
            }
            vec![root.dir.clone()]
        } else {
            files_in(&root.dir)
        };
        if paths.is_empty() {
            return set;
        }
        match input::load(&paths) {
            Ok(loaded) => {
                set.sources = loaded.sources;
                set.diagnostics = loaded.diagnostics;
            }
            Err(errors) => set.problems.extend(errors.iter().map(|e| e.to_string())),
        }
        set
    }
}

/// The `.zc` files directly in `dir`, sorted (none when it cannot be read).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "zc"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
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
