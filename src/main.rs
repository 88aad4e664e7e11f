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
        Command::Build(args) => cli::build::run(&args, color),
        Command::Fmt(args) => cli::fmt::run(&args, color),
        Command::Draft(args) => cli::draft::run(&args),
        Command::Eval(args) => cli::eval::run(&args, color),
        Command::Due(args) => cli::due::run(&args, color),
        Command::Score(args) => cli::score::run(&args, color),
        Command::Progress(args) => cli::progress::run(&args, color),
        Command::Test(args) => cli::test::run(&args, color),
        Command::Serve(args) => cli::serve::run(&args),
        Command::Lsp(args) => cli::lsp::run(&args),
    };
    cli::output::finish(exit).into()
}
