//! Subcommands of `mlp-rtl`, one file each.

use clap::{Parser, Subcommand};
use mlp_rtl::Config;

pub mod tables;
pub mod train;

#[derive(Parser, Debug)]
#[command(
    name = "mlp-rtl",
    version,
    about = "Generate, verify and train a fixed-point MLP training engine in hardware"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Train an MLP on one or more engines (float, golden, rtl, verilator).
    Train(train::TrainArgs),
    /// Print the fixed-point engines' activation/softmax tables' worst errors (every 16-bit input).
    Tables(tables::TablesArgs),
}

/// `--config F` (a TOML file or `preset:NAME`); the embedded default when absent.
pub fn load_config(spec: Option<&str>) -> anyhow::Result<Config> {
    match spec {
        None => Ok(Config::default()),
        Some(s) => Config::load(s),
    }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Train(a) => train::run(a),
        Command::Tables(a) => tables::run(a),
    }
}
