//! Layer 4, for FPGA toolchains: which design is built, `mlp-rtl generate` (the emitted Verilog with
//! a manifest and a FuseSoC core, [`generate`]) and `mlp-rtl synth` (Yosys + nextpnr, [`synth`]);
//! [`verilated`] drives any emitted design from Rust through Verilator (`mlp-rtl bench --verilator`,
//! later `train --engine verilator`).
//!
//! # The engine top
//! - `synth`: [`DesignSel::Default`] is the design of the config: the training engine
//!   (`hw::engine::Engine`, its glue emitted as Verilog by `Engine::hdl`), top module `engine`.
//! - `generate`: [`sources`] lists the Verilog files written under `--out` and names the design's
//!   top module: the unit registry (`hw::units`, `units/<unit>.v`) and `engine.v`, the top.
//!   Next to it `engine_axi.v`, the SoC wrapper (`hw::axi_lite`: AXI4-Lite slave + engine), which
//!   lists the files it instantiates from in [`Source::requires`].
//!
//! Every module tree is renamed from rust-hdl's `top` to its design's name ([`verilog::rename_top`]),
//! so all generated files compile together.

pub mod depth;
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
    /// The design of the config: the training engine (top module `engine`).
    Default,
    /// A unit of the registry (`hw::units`), by name.
    Unit(String),
    /// A MAC array of this shape (accumulator width from the config).
    Array { rows: usize, cols: usize },
    /// The training engine of the config with its array resized to this shape (the sweep).
    Engine { rows: usize, cols: usize },
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
            DesignSel::Default => Ok(Emitted {
                name: "engine".to_string(),
                top: "engine".to_string(),
                verilog: engine_verilog(cfg),
            }),
            DesignSel::Engine { rows, cols } => {
                let mut c = cfg.clone();
                c.array.rows = *rows;
                c.array.cols = *cols;
                Ok(Emitted {
                    name: format!("engine_{rows}x{cols}"),
                    top: "engine".to_string(),
                    verilog: engine_verilog(&c),
                })
            }
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
    /// Other files of the output that define modules this one instantiates (empty: the file is
    /// self-contained). Lint and simulation read them together.
    pub requires: Vec<String>,
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
            requires: vec![],
        })
        .collect();
    let mut files: Vec<Source> = files;
    let v = engine_verilog(cfg);
    files.push(Source {
        path: "engine.v".to_string(),
        top: "engine".to_string(),
        what: "training engine top `engine` (the design's top module)".to_string(),
        verilog: format!("{}{v}", engine_doc(cfg, &v)),
        requires: vec![],
    });
    files.push(Source {
        path: "engine_axi.v".to_string(),
        top: "engine_axi".to_string(),
        what: "SoC wrapper `engine_axi`: AXI4-Lite slave `axi_lite` + engine `engine` (src/hw/axi_lite.rs)"
            .to_string(),
        verilog: hw::axi_lite::engine_axi_verilog(),
        requires: vec!["units/axi_lite.v".to_string(), "engine.v".to_string()],
    });
    (files, "engine".to_string())
}

/// The training engine for `cfg` as rust-hdl emits it, the module tree renamed from `top` to
/// `engine` (`engine$seq`, `engine$mems$0`, …). Unchecked: rust-hdl's connectivity check reads
/// `hdl_gen` code, and the top's glue is custom text (every child input is driven by it; Verilator's
/// `-Wall` lint of the emitted file, `UNDRIVEN` included, is the check instead).
pub fn engine_verilog(cfg: &Config) -> String {
    use rust_hdl::prelude::Block;
    let mut e = hw::engine::Engine::new(cfg);
    e.connect_all();
    verilog::rename_top(&rust_hdl::prelude::generate_verilog_unchecked(&e), "engine")
}

/// The comment block `engine.v` starts with (after the generated header): the ports of module
/// `engine`, the host-bus protocol and the register map of the config.
pub fn engine_doc(cfg: &Config, v: &str) -> String {
    let sh = hw::engine::Shape::new(cfg);
    let mut s = format!(
        concat!(
            "// Training engine: layers {:?}, batch {}, {}x{} MAC array, {} lanes per memory.\n",
            "//\n",
            "// Ports of module `engine`:\n"
        ),
        sh.layers, sh.batch, sh.rows, sh.cols, sh.p
    );
    let what = |n: &str| match n {
        "clock" => "clock (every register, rising edge)",
        "addr" => "host bus address (register map below)",
        "wdata" => "host bus write data",
        "we" => "host bus write enable (addr/wdata this cycle)",
        "re" => "host bus read enable (data on rdata two cycles later)",
        "rdata" => "host bus read data (latency 2; 0 two cycles after a cycle without read)",
        "busy" => "a training step is running",
        "done" => "the last step has finished (cleared by start)",
        _ => "",
    };
    for p in verilog::ports(v, "engine").unwrap_or_default() {
        let dir = match p.dir {
            verilog::Dir::Input => "input ",
            verilog::Dir::Output => "output",
            verilog::Dir::Inout => "inout ",
        };
        s.push_str(&format!(
            "//   {dir} [{:>2}] {:<6} {}
",
            p.bits,
            p.name,
            what(&p.name)
        ));
    }
    s.push_str(concat!(
        "//\n",
        "// Host bus (src/hw/regfile.rs): a write is `we` with addr/wdata for one cycle; a read is\n",
        "// `re` with addr in cycle t, the word on rdata in cycle t+2 (the request is registered\n",
        "// first). Writing CTRL bit 0 in cycle t raises start in cycle t+2 and starts one training\n",
        "// step. Memory windows are for the host while the engine is idle (busy low).\n",
        "//\n",
        "// Register map (16-bit words):\n",
    ));
    for l in hw::regfile::RegMap::new(cfg).describe().lines() {
        s.push_str(&format!("//   {l}\n"));
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default design is the engine; the sweep's engines resize the array (R·C PEs, the
    /// engine's lane count) and all keep top module `engine` with the same bus ports.
    #[test]
    fn default_design_and_engine_sweep_emit_the_engine() {
        let cfg = Config::default();
        let d = DesignSel::Default.emit(&cfg).unwrap();
        assert_eq!((d.name.as_str(), d.top.as_str()), ("engine", "engine"));
        let head = "\nmodule engine(clock,addr,wdata,we,re,rdata,busy,done);";
        assert!(d.verilog.contains(head));
        let (files, top) = sources(&cfg);
        assert_eq!(top, "engine");
        let e = files.iter().find(|f| f.path == "engine.v").unwrap();
        assert_eq!(e.top, "engine");
        assert!(
            e.verilog.ends_with(&d.verilog),
            "engine.v = doc + the Default design"
        );
        for (r, c) in [(1, 1), (2, 2), (8, 8)] {
            let d = DesignSel::Engine { rows: r, cols: c }.emit(&cfg).unwrap();
            assert_eq!(d.name, format!("engine_{r}x{c}"));
            assert_eq!(d.top, "engine");
            assert!(d.verilog.contains(head), "{r}x{c}");
            let pes = d
                .verilog
                .lines()
                .filter(|l| {
                    l.strip_prefix("module engine$array$pes$")
                        .is_some_and(|r| r.split('(').next().unwrap().parse::<usize>().is_ok())
                })
                .count();
            assert_eq!(pes, r * c, "{r}x{c}");
            let p = r.max(c).next_power_of_two();
            assert!(d.verilog.contains(&format!("mems$0$rd_data${}", p - 1)));
            assert!(!d.verilog.contains(&format!("mems$0$rd_data${p};")));
        }
    }
}
