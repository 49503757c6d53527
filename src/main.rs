//! The `mlp-rtl` command line. Every error ends as one line on stderr and a non-zero exit.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = match cli::parse() {
        Ok(a) => a,
        Err(code) => return code,
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `{:#}` joins the error chain into one line.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
