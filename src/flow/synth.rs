//! Logic synthesis (Yosys) and place-and-route (nextpnr-ice40) of a Verilog design: cell counts, the
//! latch check, whether it fits the device and the Fmax nextpnr achieves.
//!
//! # Flow
//! 1. Yosys, in `target/synth/<name>/` (log `yosys.log`): `read_verilog` every file,
//!    `hierarchy -check -top T`, `proc`, the latch check (`select -assert-none` on latch cells; the
//!    error names the signals from Yosys's `Latch inferred for signal` lines), then
//!    `synth_ice40 -dsp -top T -json T.json` (iCE40: multipliers → SB_MAC16) or
//!    `synth -flatten -lut 4 -top T` without `memory_map` (generic: 4-LUTs and gates, memories kept
//!    as `$mem_v2` cells), `stat` → counts.
//! 2. iCE40 only: `nextpnr-ice40 --pack-only` (seconds; log `nextpnr_pack.log`) gives the logic
//!    cells (`lcs`, ICESTORM_LC) the design needs: a cell is one LUT4 plus one flip-flop, but a
//!    flip-flop shares a LUT's cell only when it is that LUT's sole load, and carry chains take
//!    cells of their own, so `lcs` — not `luts` — is what must fit the 5280.
//! 3. iCE40 only, and only if the counts and `lcs` fit the device (otherwise `fits = false` at
//!    once: no minutes spent in a placer that must fail): `nextpnr-ice40 --up5k --package sg48
//!    --pcf-allow-unconstrained` (log `nextpnr.log`), Fmax from its last `Max frequency for clock`
//!    line. A design with more pins than the package has (39 on sg48) is placed inside a generated
//!    serial wrapper ([`serial_wrapper`]: 4 pins; every input fed from a shift register, every output
//!    captured into one): the counts stay those of the design alone, the Fmax is that of the design
//!    with registered inputs and outputs, and a note says "needs a serial wrapper".
//!
//! Every tool runs with a timeout ([`SynthOptions::timeout`]); a missing tool is an error naming
//! `bash scripts/install-tools.sh` (the tool helpers of [`crate::hw::harness`]).

use crate::flow::depth::{self, DeepPath, DelayModel};
use crate::flow::verilog::{self, Dir, VPort};
use crate::hw::harness::{run_logged, tail};
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Where synthesis goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Lattice iCE40 UP5K, sg48 package: Yosys `synth_ice40 -dsp`, then nextpnr-ice40.
    Ice40Up5k,
    /// Technology-independent: Yosys `synth -lut 4` (counts only, no place-and-route).
    Generic,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Ice40Up5k => "ice40-up5k",
            Target::Generic => "generic",
        }
    }
}

impl std::str::FromStr for Target {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Target> {
        match s {
            "ice40-up5k" | "up5k" => Ok(Target::Ice40Up5k),
            "generic" => Ok(Target::Generic),
            o => bail!("unknown target `{o}` (known: ice40-up5k, generic)"),
        }
    }
}

/// Resources of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Device {
    pub name: &'static str,
    pub package: &'static str,
    pub luts: usize,
    pub ffs: usize,
    pub dsps: usize,
    pub brams: usize,
    /// User I/O pins of the package.
    pub ios: usize,
}

/// iCE40 UP5K in the sg48 package: 5280 logic cells (one LUT4 + one DFF each), 8 SB_MAC16,
/// 30 SB_RAM40_4K, 39 user I/O.
pub const UP5K: Device = Device {
    name: "up5k",
    package: "sg48",
    luts: 5280,
    ffs: 5280,
    dsps: 8,
    brams: 30,
    ios: 39,
};

/// Knobs of one run.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Wall-clock limit of each tool run.
    pub timeout: Duration,
    /// nextpnr's placer seed (fixed: reproducible Fmax).
    pub seed: u64,
    /// iCE40: run nextpnr's placement and routing (minutes for the engine). Without it the report
    /// has the counts, the packed cells and the logic-depth estimate ([`SynthReport::deep_paths`]),
    /// `fits` is judged on the counts alone and there is no Fmax.
    pub place: bool,
    /// How many of the deepest paths the report keeps ([`SynthReport::deep_paths`]).
    pub deep_paths: usize,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            timeout: Duration::from_secs(900),
            seed: 1,
            place: true,
            deep_paths: DEEP_PATHS,
        }
    }
}

/// What synthesis found.
#[derive(Debug, Clone, Serialize)]
pub struct SynthReport {
    pub target: String,
    pub design: String,
    pub top: String,
    /// iCE40: SB_LUT4; generic: `$lut`.
    pub luts: usize,
    /// Flip-flops (iCE40: SB_DFF*; generic: `$_*DFF*`).
    pub ffs: usize,
    /// SB_MAC16 (0 on generic).
    pub dsps: usize,
    /// SB_RAM40_4K (generic: memories left unmapped, `$mem_v2` cells).
    pub brams: usize,
    /// iCE40: logic cells (ICESTORM_LC) after nextpnr's packing — what must fit the device's 5280:
    /// a cell holds one LUT4 and one flip-flop, but a flip-flop packs with a LUT only when it is
    /// that LUT's sole load, and carry chains need cells of their own, so `lcs` ≥ `luts`.
    /// `None` on generic, or when packing failed.
    pub lcs: Option<usize>,
    /// Post-route Fmax of the clock (iCE40, when it was placed and routed).
    pub fmax_mhz: Option<f64>,
    /// iCE40: the counts and the packed logic cells fit the device and nextpnr placed and routed
    /// it (inside the serial wrapper if the pins do not fit). Generic: synthesis succeeded.
    pub fits: bool,
    /// nextpnr placed and routed the design.
    pub placed: bool,
    /// Top-level pins (port bits) of the design.
    pub pins: Option<usize>,
    /// Placed inside the generated serial wrapper.
    pub wrapped: bool,
    /// Every cell type after synthesis with its count.
    pub cells: BTreeMap<String, usize>,
    /// iCE40: the worst register-to-register paths by logic depth, one per endpoint register, worst
    /// first ([`SynthOptions::deep_paths`] of them, [`DEEP_PATHS`] by default; [`crate::flow::depth`]: LUT levels are exact, the delay is
    /// an estimate for the nearly full UP5K).
    pub deep_paths: Vec<DeepPath>,
    /// Readable remarks (over-capacity, wrapper, nextpnr error).
    pub notes: Vec<String>,
    /// Tool logs, in the order run.
    pub logs: Vec<PathBuf>,
    pub seconds: f64,
}

/// How many of the deepest paths a report keeps by default.
pub const DEEP_PATHS: usize = 40;

/// `target/synth/<name>/`.
pub fn work_dir(name: &str) -> PathBuf {
    crate::hw::harness::target_dir().join("synth").join(name)
}

/// Synthesize `files` with top module `top` for `target` in `work` (created; the design's name is
/// its last component). `stage` is told each step (`yosys`, `wrapper`, `nextpnr`) before it starts.
pub fn synth(
    files: &[PathBuf],
    top: &str,
    target: Target,
    work: &Path,
    opts: &SynthOptions,
    stage: &mut dyn FnMut(&str),
) -> Result<SynthReport> {
    let t0 = Instant::now();
    std::fs::create_dir_all(work).with_context(|| format!("creating {}", work.display()))?;
    let name = work
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| top.to_string());
    let mut rep = SynthReport {
        target: target.name().to_string(),
        design: name,
        top: top.to_string(),
        luts: 0,
        ffs: 0,
        dsps: 0,
        brams: 0,
        lcs: None,
        fmax_mhz: None,
        fits: false,
        placed: false,
        pins: None,
        wrapped: false,
        cells: BTreeMap::new(),
        deep_paths: vec![],
        notes: vec![],
        logs: vec![],
        seconds: 0.0,
    };
    let ports = top_ports(files, top)?;
    rep.pins = ports
        .as_ref()
        .map(|p| p.iter().map(|p| p.bits as usize).sum());

    stage("yosys");
    let json = work.join(format!("{top}.json"));
    let stat = work.join("stat.txt");
    let log = work.join("yosys.log");
    let map = match target {
        Target::Ice40Up5k => format!("synth_ice40 -dsp -top {top} -json {}", json.display()),
        // `synth` without its `memory_map` step: memories stay `$mem_v2` cells (counted as
        // `brams`), as a vendor flow would map them to block RAM, instead of becoming flip-flops
        // (which made the default engine 199 k LUTs and 42 minutes of Yosys).
        Target::Generic => format!(
            "synth -flatten -lut 4 -top {top} -run begin:fine; opt -fast -full; opt -full; \
             techmap; opt -fast; abc -fast -lut 4; opt -fast; hierarchy -check; check"
        ),
    };
    yosys(files, top, &map, &stat, &log, opts)?;
    rep.logs.push(log);
    rep.cells = parse_stat(&std::fs::read_to_string(&stat)?, top);
    count(&mut rep, target);
    if target == Target::Generic {
        rep.fits = true;
        rep.seconds = t0.elapsed().as_secs_f64();
        return Ok(rep);
    }

    let netlist = std::fs::read_to_string(&json)
        .with_context(|| format!("reading the Yosys netlist {}", json.display()))?;
    rep.deep_paths = depth::deep_paths(&netlist, top, &DelayModel::UP5K)?;
    rep.deep_paths.truncate(opts.deep_paths);

    let dev = UP5K;
    // Pack only (seconds): the logic cells the design needs, the real measure of fit.
    stage("pack");
    let plog = work.join("nextpnr_pack.log");
    let status = run_logged(
        Command::new("nextpnr-ice40")
            .args(["--up5k", "--package", dev.package, "--json"])
            .arg(&json)
            .args(["--pcf-allow-unconstrained", "--pack-only"]),
        "nextpnr-ice40",
        &plog,
        opts.timeout,
    )?;
    let ptext = std::fs::read_to_string(&plog).unwrap_or_default();
    rep.logs.push(plog.clone());
    rep.lcs = parse_lcs(&ptext);
    if !status.success() || rep.lcs.is_none() {
        rep.notes.push(format!(
            "nextpnr --pack-only reported no logic-cell count (log: {})",
            plog.display()
        ));
    }
    let over: Vec<String> = [
        ("SB_LUT4", rep.luts, dev.luts),
        ("logic cells (packed)", rep.lcs.unwrap_or(0), dev.luts),
        ("flip-flops", rep.ffs, dev.ffs),
        ("SB_MAC16", rep.dsps, dev.dsps),
        ("SB_RAM40_4K", rep.brams, dev.brams),
    ]
    .iter()
    .filter(|(_, n, cap)| n > cap)
    .map(|(what, n, cap)| format!("{n} {what} > {cap}"))
    .collect();
    if !over.is_empty() {
        rep.notes.push(format!(
            "does not fit {}: {} (nextpnr skipped)",
            dev.name.to_uppercase(),
            over.join(", ")
        ));
        rep.seconds = t0.elapsed().as_secs_f64();
        return Ok(rep);
    }

    if !opts.place {
        rep.fits = true;
        rep.notes
            .push("not placed (--no-place): no Fmax".to_string());
        rep.seconds = t0.elapsed().as_secs_f64();
        return Ok(rep);
    }

    let pnr_json = match (&ports, rep.pins) {
        (Some(p), Some(pins)) if pins > dev.ios => {
            stage("wrapper");
            rep.notes.push(format!(
                "{pins} pins > {} on {}: needs a serial wrapper (placed and timed inside the \
                 generated 4-pin `{top}_serial`; counts are the design's alone)",
                dev.ios, dev.package
            ));
            rep.wrapped = true;
            let wrap = work.join(format!("{top}_serial.v"));
            std::fs::write(&wrap, serial_wrapper(top, p))?;
            let mut all = files.to_vec();
            all.push(wrap);
            let wtop = format!("{top}_serial");
            let wjson = work.join(format!("{wtop}.json"));
            let wlog = work.join("yosys_wrapper.log");
            yosys(
                &all,
                &wtop,
                &format!("synth_ice40 -dsp -top {wtop} -json {}", wjson.display()),
                &work.join("stat_wrapper.txt"),
                &wlog,
                opts,
            )?;
            rep.logs.push(wlog);
            wjson
        }
        _ => json,
    };

    stage("nextpnr");
    let log = work.join("nextpnr.log");
    let status = run_logged(
        Command::new("nextpnr-ice40")
            .args(["--up5k", "--package", dev.package, "--json"])
            .arg(&pnr_json)
            .args([
                "--pcf-allow-unconstrained",
                "--seed",
                &opts.seed.to_string(),
            ])
            .arg("--asc")
            .arg(work.join(format!("{top}.asc"))),
        "nextpnr-ice40",
        &log,
        opts.timeout,
    )?;
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    rep.logs.push(log.clone());
    if status.success() {
        rep.placed = true;
        rep.fits = true;
        rep.fmax_mhz = parse_fmax(&text);
    } else {
        let err = text
            .lines()
            .find(|l| l.starts_with("ERROR:"))
            .unwrap_or("nextpnr failed")
            .to_string();
        rep.notes
            .push(format!("nextpnr: {err} (log: {})", log.display()));
    }
    rep.seconds = t0.elapsed().as_secs_f64();
    Ok(rep)
}

/// The ports of `top`, read from whichever file declares it (`None` if none in rust-hdl's style).
fn top_ports(files: &[PathBuf], top: &str) -> Result<Option<Vec<VPort>>> {
    for f in files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        if let Some(p) = verilog::ports(&text, top) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// One Yosys run: read, elaborate, latch check, `map`, `stat` into `stat`.
fn yosys(
    files: &[PathBuf],
    top: &str,
    map: &str,
    stat: &Path,
    log: &Path,
    opts: &SynthOptions,
) -> Result<()> {
    let mut script = String::new();
    for f in files {
        script.push_str(&format!("read_verilog {}; ", f.display()));
    }
    script.push_str(&format!(
        "hierarchy -check -top {top}; proc; \
         select -assert-none t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH_* t:$_DLATCHSR_*; \
         {map}; tee -q -o {} stat",
        stat.display()
    ));
    let run = || {
        let status = run_logged(
            Command::new("yosys").arg("-p").arg(&script),
            "yosys",
            log,
            opts.timeout,
        )?;
        anyhow::Ok((status, std::fs::read_to_string(log).unwrap_or_default()))
    };
    let (mut status, mut text) = run()?;
    // Yosys's ABC subprocess was once seen to abort (SIGABRT, "return code 134") on a design that
    // synthesizes cleanly on every rerun, while the 2-core machine was heavily loaded. A crash of
    // the tool, not a verdict on the design: run it once more. A deterministic failure fails twice.
    if !status.success() && abc_crashed(&text) {
        (status, text) = run()?;
    }
    let latches = latch_signals(&text);
    if !latches.is_empty() {
        bail!(
            "yosys inferred latch(es) in `{top}` for {} (a combinational `always` leaves them \
             unassigned on some path); log: {}",
            latches.join(", "),
            log.display()
        );
    }
    if !status.success() {
        let err = text
            .lines()
            .rfind(|l| l.starts_with("ERROR:"))
            .map(str::to_string)
            .unwrap_or_else(|| tail(&text));
        bail!("yosys failed on `{top}`: {err} (log: {})", log.display());
    }
    Ok(())
}

/// Whether a Yosys log ends in a crash of its ABC subprocess (killed by a signal: return code ≥ 128).
fn abc_crashed(log: &str) -> bool {
    log.lines()
        .rfind(|l| l.starts_with("ERROR:"))
        .is_some_and(|l| {
            l.contains("ABC: execution of command")
                && l.rsplit("return code ")
                    .next()
                    .and_then(|c| c.trim_end_matches('.').parse::<i32>().ok())
                    .is_some_and(|c| c >= 128)
        })
}

/// Signals of Yosys's `Latch inferred for signal `\m.\q' from process …` lines, as `m.q`.
pub fn latch_signals(log: &str) -> Vec<String> {
    let mut v: Vec<String> = log
        .lines()
        .filter_map(|l| {
            let r = l.split("Latch inferred for signal `").nth(1)?;
            let sig = r.split('\'').next()?;
            Some(sig.replace('\\', ""))
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Cell counts of module `top` in Yosys `stat` output (the section `=== top ===`; the whole text
/// when there is no such header).
pub fn parse_stat(stat: &str, top: &str) -> BTreeMap<String, usize> {
    let header = format!("=== {top} ===");
    let section = match stat.find(&header) {
        Some(i) => {
            let rest = &stat[i + header.len()..];
            &rest[..rest.find("===").unwrap_or(rest.len())]
        }
        None => stat,
    };
    let mut cells = BTreeMap::new();
    for l in section.lines() {
        let w: Vec<&str> = l.split_whitespace().collect();
        if w.len() == 2 && (w[0].starts_with("SB_") || w[0].starts_with('$')) {
            if let Ok(n) = w[1].parse::<usize>() {
                *cells.entry(w[0].to_string()).or_insert(0) += n;
            }
        }
    }
    cells
}

/// Fill the summary counts from `rep.cells`.
fn count(rep: &mut SynthReport, target: Target) {
    let sum = |f: &dyn Fn(&str) -> bool| -> usize {
        rep.cells.iter().filter(|(k, _)| f(k)).map(|(_, n)| n).sum()
    };
    let (luts, ffs, dsps, brams) = match target {
        Target::Ice40Up5k => (
            sum(&|k| k == "SB_LUT4"),
            sum(&|k| k.starts_with("SB_DFF")),
            sum(&|k| k == "SB_MAC16"),
            sum(&|k| k.starts_with("SB_RAM40_4K")),
        ),
        Target::Generic => (
            sum(&|k| k == "$lut"),
            sum(&|k| k.starts_with("$_") && k.contains("DFF")),
            0,
            sum(&|k| k.starts_with("$mem")),
        ),
    };
    rep.luts = luts;
    rep.ffs = ffs;
    rep.dsps = dsps;
    rep.brams = brams;
}

/// The logic cells after packing: nextpnr's `ICESTORM_LC:  n/ cap` utilisation line.
pub fn parse_lcs(log: &str) -> Option<usize> {
    log.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Info:")?
                .trim()
                .strip_prefix("ICESTORM_LC:")
        })
        .and_then(|rest| rest.split('/').next()?.trim().parse().ok())
}

/// The post-route Fmax: the last `Max frequency for clock '…': X MHz` line (the lowest if one
/// report lists several clocks).
pub fn parse_fmax(log: &str) -> Option<f64> {
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("Max frequency for clock"))
        .collect();
    // nextpnr reports after placement and again after routing; keep the last report's lines.
    let n_clocks = {
        let mut names: Vec<&str> = lines.iter().filter_map(|l| l.split('\'').nth(1)).collect();
        names.sort();
        names.dedup();
        names.len().max(1)
    };
    lines[lines.len().saturating_sub(n_clocks)..]
        .iter()
        .filter_map(|l| {
            let r = l.split("':").nth(1)?;
            r.split_whitespace().next()?.parse::<f64>().ok()
        })
        .reduce(f64::min)
}

/// A 4-pin wrapper (`clock`, `sin`, `cap`, `sout`) around `top` for placing a design with many pins:
/// a shift register feeds every input but the clock; `cap` loads every output into a shift
/// register that shifts out on `sout`.
pub fn serial_wrapper(top: &str, ports: &[VPort]) -> String {
    let is_clock =
        |p: &VPort| p.dir == Dir::Input && p.bits == 1 && (p.name == "clock" || p.name == "clk");
    let ins: Vec<&VPort> = ports
        .iter()
        .filter(|p| p.dir == Dir::Input && !is_clock(p))
        .collect();
    let outs: Vec<&VPort> = ports.iter().filter(|p| p.dir == Dir::Output).collect();
    let in_w: u32 = ins.iter().map(|p| p.bits).sum::<u32>().max(1);
    let out_w: u32 = outs.iter().map(|p| p.bits).sum::<u32>().max(1);
    let shift = |reg: &str, w: u32, new: &str| {
        if w == 1 {
            new.to_string()
        } else {
            format!("{{{reg}[{}:0], {new}}}", w - 2)
        }
    };
    let mut conns = vec![];
    for p in ports.iter().filter(|p| is_clock(p)) {
        conns.push(format!("    .{}(clock)", p.name));
    }
    let mut off = 0;
    for p in &ins {
        conns.push(format!(
            "    .{}(in_sr[{}:{}])",
            p.name,
            off + p.bits - 1,
            off
        ));
        off += p.bits;
    }
    off = 0;
    for p in &outs {
        conns.push(format!(
            "    .{}(outs[{}:{}])",
            p.name,
            off + p.bits - 1,
            off
        ));
        off += p.bits;
    }
    format!(
        "// Serial wrapper of `{top}` for place-and-route on a small package — GENERATED by mlp-rtl synth.\n\
         module {top}_serial(input wire clock, input wire sin, input wire cap, output wire sout);\n\
         \x20 reg [{iw}:0] in_sr = 0;\n\
         \x20 reg [{ow}:0] out_sr = 0;\n\
         \x20 wire [{ow}:0] outs;\n\
         \x20 always @(posedge clock) begin\n\
         \x20   in_sr <= {ishift};\n\
         \x20   out_sr <= cap ? outs : {oshift};\n\
         \x20 end\n\
         \x20 assign sout = out_sr[{ow}];\n\
         \x20 {top} dut (\n{conns}\n  );\n\
         endmodule\n",
        iw = in_w - 1,
        ow = out_w - 1,
        ishift = shift("in_sr", in_w, "sin"),
        oshift = shift("out_sr", out_w, "1'b0"),
        conns = conns.join(",\n"),
    )
}

/// The engine's hard blocks by the config's own arithmetic (no synthesis): what Yosys maps onto
/// SB_MAC16 and SB_RAM40_4K (256×16) when it infers every multiplier and memory as expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Estimate {
    /// 16×16 multipliers: one per PE, 4 in the update unit (μ·v, (1−μ)·g, wd·w, η·v′), 3 per loss
    /// unit (one per array row: ×log2 e, E·r, d·(1/B)), 2 per activation unit (one per array
    /// column; the sigmoid/tanh derivatives) when a hidden layer uses sigmoid or tanh.
    pub dsps: usize,
    /// Block RAMs of the skewed memories (ACT, ERR, W, V of every layer): P banks of
    /// `⌈depth/256⌉` each.
    pub mem_brams: usize,
    /// Block RAMs of the activation tables: two `2^table_log2`-entry ROMs per activation unit.
    pub table_brams: usize,
}

impl Estimate {
    pub fn brams(&self) -> usize {
        self.mem_brams + self.table_brams
    }
    /// Within the device's DSPs and block RAMs.
    pub fn fits(&self, dev: &Device) -> bool {
        self.dsps <= dev.dsps && self.brams() <= dev.brams
    }
}

/// [`Estimate`] of the engine built for `cfg`.
pub fn estimate(cfg: &crate::Config) -> Estimate {
    use crate::config::Activation;
    use crate::hw::engine::Shape;
    use crate::hw::skew_mem::SkewLayout;
    let sh = Shape::new(cfg);
    let smooth = (0..cfg.num_hidden()).any(|i| {
        matches!(
            cfg.hidden_activation(i),
            Activation::Sigmoid | Activation::Tanh
        )
    });
    let mem_brams = sh
        .mems()
        .into_iter()
        .map(|m| {
            let (r, c) = sh.dims(m);
            sh.p * SkewLayout::new(r, c, sh.p).depth.div_ceil(256)
        })
        .sum();
    Estimate {
        dsps: sh.rows * sh.cols + 4 + 3 * sh.rows + if smooth { 2 * sh.cols } else { 0 },
        mem_brams,
        table_brams: sh.cols * 2 * (1usize << cfg.fixed.table_log2).div_ceil(256),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UP5K preset's hard blocks are within the UP5K by the config's own arithmetic; the
    /// default config's are not.
    #[test]
    fn up5k_preset_within_budget() {
        let cfg = crate::Config::preset("up5k").unwrap();
        cfg.validate().unwrap();
        let e = estimate(&cfg);
        assert_eq!(
            e,
            Estimate {
                dsps: 8,
                mem_brams: 23,
                table_brams: 2
            }
        );
        assert!(e.fits(&UP5K), "{e:?}");
        assert!(!estimate(&crate::Config::default()).fits(&UP5K));
    }

    #[test]
    fn abc_crash_is_recognised_and_nothing_else() {
        let crash = "x\nERROR: ABC: execution of command \"\"berkeley-abc\" -s -f /tmp/a/abc.script 2>&1\" failed: return code 134.\n";
        assert!(abc_crashed(crash));
        assert!(!abc_crashed(&crash.replace("134", "1")));
        assert!(!abc_crashed("ERROR: Module `top' not found!\n"));
        assert!(!abc_crashed(""));
    }

    #[test]
    fn stat_and_fmax_parsing() {
        let stat = "=== other ===\n     SB_LUT4  99\n=== top ===\n   Number of cells: 5\n     SB_CARRY                       93\n     SB_DFFE                        64\n     SB_DFF 3\n     SB_LUT4                       187\n     SB_MAC16                        1\n";
        let c = parse_stat(stat, "top");
        assert_eq!(c["SB_LUT4"], 187);
        let mut r = SynthReport {
            target: "x".into(),
            design: "x".into(),
            top: "top".into(),
            luts: 0,
            ffs: 0,
            dsps: 0,
            brams: 0,
            lcs: None,
            fmax_mhz: None,
            fits: false,
            placed: false,
            pins: None,
            wrapped: false,
            cells: c,
            deep_paths: vec![],
            notes: vec![],
            logs: vec![],
            seconds: 0.0,
        };
        count(&mut r, Target::Ice40Up5k);
        assert_eq!((r.luts, r.ffs, r.dsps, r.brams), (187, 67, 1, 0));
        let log = "Info: Max frequency for clock 'clk': 70.10 MHz (PASS at 12.00 MHz)\n\
                   Info: Max frequency for clock 'clk': 61.35 MHz (PASS at 12.00 MHz)\n";
        assert_eq!(parse_fmax(log), Some(61.35));
        assert_eq!(parse_fmax("nothing"), None);
        let pack = "Info: Device utilisation:\nInfo: \t         ICESTORM_LC:  7710/ 5280   146%\n";
        assert_eq!(parse_lcs(pack), Some(7710));
        assert_eq!(parse_lcs("Info: ICESTORM_RAM: 9/ 30"), None);
        assert_eq!(
            latch_signals(
                "Latch inferred for signal `\\latchy.\\q' from process `\\latchy.$proc$x.v:3$1'.\n"
            ),
            vec!["latchy.q".to_string()]
        );
        assert!("generic".parse::<Target>().is_ok());
        assert!("xc7".parse::<Target>().is_err());
    }

    fn emit_to(sel: super::super::DesignSel, work: &str) -> (PathBuf, String, PathBuf) {
        let d = sel.emit(&crate::Config::default()).unwrap();
        let dir = work_dir(work);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join(format!("{}.v", d.name));
        std::fs::write(&f, &d.verilog).unwrap();
        (f, d.top, dir)
    }

    /// The PE on the UP5K: non-zero counts, one DSP, placed (in the serial wrapper) with an Fmax.
    #[test]
    fn pe_fits_up5k() {
        let (f, top, dir) = emit_to(super::super::DesignSel::Unit("pe".into()), "test-pe-up5k");
        let mut stages = vec![];
        let r = synth(
            &[f],
            &top,
            Target::Ice40Up5k,
            &dir,
            &SynthOptions::default(),
            &mut |s| stages.push(s.to_string()),
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(stages, ["yosys", "pack", "wrapper", "nextpnr"]);
        assert!(r.luts > 50 && r.ffs > 32, "{r:?}");
        assert!(
            r.lcs.is_some_and(|c| c >= r.luts),
            "packed cells hold every LUT: {r:?}"
        );
        assert_eq!((r.dsps, r.brams), (1, 0), "{r:?}");
        assert!(r.fits && r.placed && r.wrapped, "{r:?}");
        assert!(r.fmax_mhz.is_some_and(|f| f > 5.0 && f < 500.0), "{r:?}");
        assert!(r.notes.iter().any(|n| n.contains("needs a serial wrapper")));
        assert!(r.logs.iter().all(|l| l.exists()));
        // The depth estimate: worst first, and the worst path is the accumulate (a carry chain);
        // its estimate (calibrated on the full device, where nets are longer) lies within a factor
        // 2 of what nextpnr measured for the PE alone.
        let worst = &r.deep_paths[0];
        assert!(
            r.deep_paths.windows(2).all(|w| w[0].est_ns >= w[1].est_ns),
            "{:?}",
            r.deep_paths
        );
        assert!(worst.carry_bits >= 8 && worst.levels >= 1, "{worst:?}");
        let measured = 1000.0 / r.fmax_mhz.unwrap();
        assert!(
            worst.est_ns > 0.5 * measured && worst.est_ns < 2.0 * measured,
            "estimate {worst:?} vs nextpnr {measured:.1} ns"
        );
    }

    /// `place: false` stops after packing: counts, cells and depths, no nextpnr placement.
    #[test]
    fn without_placement_reports_depths_only() {
        let (f, top, dir) = emit_to(
            super::super::DesignSel::Unit("narrow".into()),
            "test-narrow-noplace",
        );
        let mut stages = vec![];
        let opts = SynthOptions {
            place: false,
            deep_paths: 3,
            ..Default::default()
        };
        let r = synth(&[f], &top, Target::Ice40Up5k, &dir, &opts, &mut |s| {
            stages.push(s.to_string())
        })
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(stages, ["yosys", "pack"]);
        assert!(r.fits && !r.placed && r.fmax_mhz.is_none(), "{r:?}");
        assert!(r.lcs.is_some(), "{r:?}");
        assert!(
            !r.deep_paths.is_empty() && r.deep_paths.len() <= 3,
            "{:?}",
            r.deep_paths
        );
        assert!(r
            .deep_paths
            .iter()
            .all(|p| p.est_ns > 0.0 && !p.via.is_empty()));
    }

    /// Generic synthesis of a registry unit (default config) in `target/synth/<work>`.
    fn generic_unit(unit: &str, work: &str) -> SynthReport {
        let (f, top, dir) = emit_to(super::super::DesignSel::Unit(unit.into()), work);
        synth(
            &[f],
            &top,
            Target::Generic,
            &dir,
            &SynthOptions::default(),
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// Generic synthesis counts LUTs and flip-flops and skips place-and-route.
    #[test]
    fn generic_counts_lfsr() {
        let r = generic_unit("lfsr", "test-lfsr-generic");
        assert!(r.luts > 0 && r.ffs >= 32, "{r:?}");
        assert!(r.fits && !r.placed && r.fmax_mhz.is_none(), "{r:?}");
    }

    /// Generic synthesis keeps memories as memory cells (`brams`), not flip-flops: the skewed
    /// memory's banks (thousands of words of the default config) would become flip-flops.
    #[test]
    fn generic_keeps_memories() {
        let r = generic_unit("skew_mem", "test-skew-mem-generic");
        assert!(r.brams > 0, "no memory cell kept: {r:?}");
        assert!(r.ffs < 1000, "memories became flip-flops: {r:?}");
    }

    /// A combinational `always` that leaves `q` unassigned is refused, naming the signal.
    #[test]
    fn latch_is_an_error() {
        let dir = work_dir("test-latchy");
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("latchy.v");
        std::fs::write(
            &f,
            "module latchy(input wire en, input wire [3:0] d, output reg [3:0] q);\n\
             always @(*) if (en) q = d;\nendmodule\n",
        )
        .unwrap();
        for t in [Target::Generic, Target::Ice40Up5k] {
            let e = synth(
                std::slice::from_ref(&f),
                "latchy",
                t,
                &dir,
                &SynthOptions::default(),
                &mut |_| {},
            )
            .unwrap_err()
            .to_string();
            assert!(e.contains("latch") && e.contains("latchy.q"), "{e}");
        }
    }

    /// Over-capacity designs are reported at once, without nextpnr.
    #[test]
    fn over_capacity_skips_nextpnr() {
        let dir = work_dir("test-overcap");
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("muls.v");
        // 9 independent registered 16x16 multipliers: one more than the UP5K's 8 SB_MAC16
        let mut v = String::from("module muls(input wire clock, input wire [15:0] a, input wire [15:0] b, output reg [287:0] p);\n");
        v.push_str("  always @(posedge clock) begin\n");
        for i in 0..9 {
            v.push_str(&format!(
                "    p[{hi}:{lo}] <= (a ^ 16'd{i}) * (b + 16'd{i});\n",
                hi = 32 * i + 31,
                lo = 32 * i
            ));
        }
        v.push_str("  end\nendmodule\n");
        std::fs::write(&f, v).unwrap();
        let mut stages = vec![];
        let r = synth(
            &[f],
            "muls",
            Target::Ice40Up5k,
            &dir,
            &SynthOptions::default(),
            &mut |s| stages.push(s.to_string()),
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(stages, ["yosys", "pack"]);
        assert_eq!(r.dsps, 9, "{r:?}");
        assert!(!r.fits && !r.placed, "{r:?}");
        assert!(r.notes[0].contains("9 SB_MAC16 > 8"), "{:?}", r.notes);
    }

    #[test]
    fn wrapper_slices_ports() {
        let p = |n: &str, dir, bits| VPort {
            name: n.into(),
            dir,
            bits,
            signed: false,
        };
        let w = serial_wrapper(
            "pe",
            &[
                p("clock", Dir::Input, 1),
                p("a", Dir::Input, 16),
                p("en", Dir::Input, 1),
                p("q", Dir::Output, 32),
            ],
        );
        assert!(w.contains(".clock(clock)"));
        assert!(w.contains(".a(in_sr[15:0])"));
        assert!(w.contains(".en(in_sr[16:16])"));
        assert!(w.contains(".q(outs[31:0])"));
        assert!(w.contains("in_sr <= {in_sr[15:0], sin};"));
    }
}
