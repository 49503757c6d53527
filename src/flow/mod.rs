//! Layer 4, for FPGA toolchains: which design is built, `mlp-rtl generate` (the emitted Verilog with
//! a manifest and a FuseSoC core, [`generate`]) and `mlp-rtl synth` (Yosys + nextpnr, [`synth`]);
//! [`verilated`] drives any emitted design from Rust through Verilator (`mlp-rtl bench --verilator`,
//! later `train --engine verilator`).
//!
//! # How the engine top plugs in
//! - `synth`: [`DesignSel::Default`] is the design of the config — today the configured MAC array;
//!   when the engine top exists, its arm in [`DesignSel::emit`] returns the engine's Verilog instead.
//! - `generate`: [`sources`] lists the Verilog files written under `--out` and names the design's
//!   top module — today the unit registry (`hw::units`) with `mac_array` as top; the engine adds one
//!   entry (`engine.v`) and becomes the top there.
//!
//! Every module tree is renamed from rust-hdl's `top` to its design's name ([`verilog::rename_top`]),
//! so all generated files compile together.

pub mod generate;
pub mod synth;
pub mod verilated;
pub mod verilog;

use crate::config::Config;
use crate::hw::{self, harness, mac_array::MacArrayUnit};
use anyhow::{bail, Result};

/// The design `synth` builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesignSel {
    /// The design of the config (today: the configured MAC array; the engine top when it exists).
    Default,
    /// A unit of the registry (`hw::units`), by name.
    Unit(String),
    /// A MAC array of this shape (accumulator width from the config).
    Array { rows: usize, cols: usize },
}

/// One emitted design: a name (work-dir and file stem), its top module and its Verilog.
#[derive(Debug, Clone)]
pub struct Emitted {
    pub name: String,
    pub top: String,
    pub verilog: String,
}

impl DesignSel {
    /// `RxC` (e.g. `4x4`) as an array shape.
    pub fn parse_array(s: &str) -> Result<DesignSel> {
        let parsed = s
            .split_once(['x', 'X', '×'])
            .and_then(|(r, c)| Some((r.trim().parse().ok()?, c.trim().parse().ok()?)));
        match parsed {
            Some((rows, cols)) if rows >= 1 && cols >= 1 && rows * cols <= 1024 => {
                Ok(DesignSel::Array { rows, cols })
            }
            _ => bail!("--array `{s}`: expected RxC with R, C ≥ 1 and R·C ≤ 1024 (e.g. 4x4)"),
        }
    }

    /// Emit the design's Verilog for `cfg`.
    pub fn emit(&self, cfg: &Config) -> Result<Emitted> {
        match self {
            // ENGINE: the engine top replaces this arm (`engine::EngineTop::new(cfg)` emitted and
            // renamed to `engine`).
            DesignSel::Default => DesignSel::Array {
                rows: cfg.array.rows,
                cols: cfg.array.cols,
            }
            .emit(cfg),
            DesignSel::Unit(name) => {
                let units = hw::units(cfg);
                let Some(u) = units.iter().find(|u| u.name() == name) else {
                    let known: Vec<&str> = units.iter().map(|u| u.name()).collect();
                    bail!("unknown unit `{name}` (known: {})", known.join(", "));
                };
                Ok(Emitted {
                    name: name.clone(),
                    top: name.clone(),
                    verilog: harness::emitted(u.as_ref()),
                })
            }
            DesignSel::Array { rows, cols } => {
                let u = MacArrayUnit {
                    rows: *rows,
                    cols: *cols,
                    acc_bits: cfg.fixed.acc_bits,
                };
                let name = format!("mac_array_{rows}x{cols}");
                let v = harness::HwUnit::verilog(&u);
                Ok(Emitted {
                    verilog: verilog::rename_top(&v, &name),
                    top: name.clone(),
                    name,
                })
            }
        }
    }
}

/// One Verilog file `generate` writes: path relative to `--out` (`/`-separated), the module it is
/// the top of, what it is (for its header) and the emitted text (without header).
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub top: String,
    pub what: String,
    pub verilog: String,
}

/// The Verilog files of the generated design and its top module.
pub fn sources(cfg: &Config) -> (Vec<Source>, String) {
    let files = hw::units(cfg)
        .iter()
        .map(|u| Source {
            path: format!("units/{}.v", u.name()),
            top: u.name().to_string(),
            what: format!("unit `{}` (module `{}`)", u.name(), u.name()),
            verilog: harness::emitted(u.as_ref()),
        })
        .collect();
    // ENGINE: push `engine.v` (top `engine`) here and return "engine" as the top.
    (files, "mac_array".to_string())
}
