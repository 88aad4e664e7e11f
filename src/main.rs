//! `zhengce`, the command-line front end of the policy compiler.
//!
//! Thin on purpose: parse the arguments, hand each subcommand its files, exit with its code.
//! The compiler crate does the checking and rendering; `cli` only reads files and prints.

mod cli;

use std::process::ExitCode;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let Cli { color, command, .. } = cli::parse_args();
    let exit = match command {
        Command::Check(args) => cli::check::run(&args, color),
    };
    exit.into()
}
