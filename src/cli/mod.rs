//! Subcommands of `mlp-rtl`, one file each.

use clap::{Parser, Subcommand};
use mlp_rtl::Config;

pub mod bench;
pub mod cost;
pub mod export;
pub mod generate;
pub mod profile;
pub mod synth;
pub mod tables;
pub mod train;
pub mod verify;

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
    /// Cost model of the network: MACs and storage bits per layer, and of one training step.
    Cost(cost::CostArgs),
    /// Export a model file's weights and biases as `$readmemh` memory images plus a JSON manifest.
    Export(export::ExportArgs),
    /// Prove the hardware units: rust-hdl, Icarus and Verilator against the golden model.
    Verify(verify::VerifyArgs),
    /// Simulation-speed benchmarks (`--array`: the MAC array in rust-hdl; `--verilator`: vs Verilator).
    Bench(bench::BenchArgs),
    /// Write the design's Verilog, a manifest and a FuseSoC core (default into hdl_out/).
    Generate(generate::GenerateArgs),
    /// Synthesize for an FPGA (Yosys, nextpnr-ice40): LUTs, FFs, DSPs, BRAMs, Fmax; --sweep over arrays.
    Synth(synth::SynthArgs),
    /// Where the cycles of one training step go (microprogram phases, MAC-array utilization, timeline).
    Profile(profile::ProfileArgs),
}

/// Parses the command line. A usage error is printed as ONE line on stderr (exit code 2); help and
/// version print as usual. Also installs a panic hook so an internal error is one line, too.
pub fn parse() -> Result<Cli, std::process::ExitCode> {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: internal error{place}: {}", msg.replace('\n', " "));
    }));
    match Cli::try_parse() {
        Ok(c) => Ok(c),
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("error: {first} (see --help)");
            Err(std::process::ExitCode::from(2))
        }
    }
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
        Command::Cost(a) => cost::run(a),
        Command::Export(a) => export::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Profile(a) => profile::run(a),
    }
}
