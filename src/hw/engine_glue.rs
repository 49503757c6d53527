//! The engine top's glue as Verilog: [`glue`] writes the body of module `engine` (rust-hdl's
//! `Verilog::Custom`), an exact transliteration of [`Engine::update`](super::Engine) — the Rust
//! `update` stays the simulation model, proven bit-exact against golden by the co-simulation tests.
//!
//! # How the text is made
//! rust-hdl declares the stub signals of every child (`seq$rd_en`, vector elements
//! `mems$3$rd_data$2`, `narrow_w$1$value_out`, …: `reg` for the child's inputs, `wire` for its
//! outputs) and instantiates every sub-block; the custom text only drives the child inputs and the
//! top's outputs. Everything the Rust `update` resolves at run time through tables is unrolled here
//! in Rust, so the Verilog holds only constant compares:
//! - operand memory ids (the sequencer's 6-bit `a_mem`/`b_mem` = `Mem::code`): memory `mi` answers
//!   when the id equals its code (`_code_to_idx[code] == mi`, codes are unique);
//! - memory indices (`aux_mem`, `wr1_mem`, `wr2_mem`, registered `*_sel_q` = index + 1) compare
//!   with `mi`; the update's W/V word reads compare `upd_layer` with the memory's layer.
//!   The request compares (`a_mem`, `b_mem`, `aux_mem`, `wr1_mem`, `wr2_mem`, `upd_layer`) test
//!   only the bits that tell `mi` (its code, its layer) from the other values the program gives
//!   that select while its enable is high ([`sel_eq`]: the program's A / B operand ids, the
//!   derivative sinks' ACT memories, the memories of the program's sinks, the V memories, the
//!   layers), so each compare with its enable is one LUT (a memory no such request reaches gets
//!   `1'b0`). Equal to the Rust model's full compare for every value the drain and the
//!   sequencer emit (the co-simulations against golden pin it); the host window's `win_idx`
//!   (any value the host writes) keeps its full compare;
//! - host windows: memory `mi` answers to every window index `k` with `_win_mem[k] == mi`;
//! - operands: the array's A (B) lanes are an AND-OR over the memories the program reads as A (B),
//!   of their `rd_data_q` (2-cycle reads) with one-hot registers `ctl_a_oh_*` (`ctl_b_oh_*`)
//!   loaded from the drain's `a_sel_q` (`b_sel_q`); the array's `mac_en/first/last` pass through
//!   registers `ctl_*` and the drain's tile announcement through `ann0_*` (the engine's
//!   `CONTROL_DELAY`, `ANNOUNCE_DELAY`); the derivative unit's ACT lanes (1-cycle `rd_data`) are a
//!   case over the memories DX reads only.
//!
//! Each child input is assigned on every path of its `always @(*)` block (no latches). Where the
//! Rust model used to leave a signal unassigned (a lane write's address and data while `wr_en` is
//! low, a word port's address and data when nobody uses it) both the model and this text drive 0:
//! the memory ignores those inputs then. `signed_cast`/`unsigned_cast` are bit reinterpretations,
//! so they are plain assignments between equally wide `reg`s here.
//!
//! One `always @(*)` block per group (clocks, host bus, drain inputs, each memory, operands, the
//! datapath units, the update unit, the window read), so that every block is small and Verilator's
//! scheduling sees no false combinational loops through one big block.

use super::super::program::Sink;
use super::{mem_index, Engine, Mem, SRC_ACT_DELTA, SRC_ACT_Y, SRC_DRAIN, SRC_UPDATE};
use std::fmt::Write as _;

/// What a memory is, for the comments (`ACT[0] (X)`, `W[1]`).
fn mem_name(m: Mem) -> String {
    match m {
        Mem::Act(0) => "ACT[0] (X)".to_string(),
        Mem::Act(l) => format!("ACT[{l}]"),
        Mem::Err(l) => format!("ERR[{l}]"),
        Mem::W(l) => format!("W[{l}]"),
        Mem::V(l) => format!("V[{l}]"),
    }
}

/// `lhs = rhs;` lines, indented.
struct Block {
    text: String,
    ind: usize,
}

impl Block {
    fn new(comment: &str) -> Block {
        let mut text = String::new();
        for l in comment.lines() {
            let _ = writeln!(text, "// {l}");
        }
        text.push_str("always @(*) begin\n");
        Block { text, ind: 1 }
    }
    fn line(&mut self, s: impl AsRef<str>) {
        for _ in 0..self.ind {
            self.text.push_str("    ");
        }
        self.text.push_str(s.as_ref());
        self.text.push('\n');
    }
    fn set(&mut self, lhs: impl AsRef<str>, rhs: impl AsRef<str>) {
        self.line(format!("{} = {};", lhs.as_ref(), rhs.as_ref()));
    }
    fn open(&mut self, s: impl AsRef<str>) {
        self.line(s);
        self.ind += 1;
    }
    fn close(&mut self, s: &str) {
        self.ind -= 1;
        self.line(s);
    }
    fn end(mut self) -> String {
        self.text.push_str("end\n\n");
        self.text
    }
}

/// `N'dV`.
fn lit(bits: usize, v: usize) -> String {
    format!("{bits}'d{v}")
}

/// `sig == v` for a `sig` that (while its enable is high) only takes values in `set` (which holds
/// `v`): a compare of only the bits that tell `v` from the set's other values ([`sel_bits`]),
/// e.g. `(~sig[0])`, or `1'b1` for a one-value set. Exact for every value in `set`; a few bits
/// instead of the full width keep the compare (with its enable) in one LUT.
fn sel_eq(sig: &str, v: usize, set: &std::collections::BTreeSet<usize>) -> String {
    let bits = sel_bits(v, set);
    if bits.is_empty() {
        return "1'b1".to_string();
    }
    let t: Vec<String> = bits
        .iter()
        .map(|&i| format!("{}{sig}[{i}]", if v >> i & 1 == 1 { "" } else { "~" }))
        .collect();
    format!("({})", t.join(" & "))
}

/// The bit positions (ascending) [`sel_eq`] compares: picked greedily, the bit that tells `v`
/// from the most remaining values of `set` first, until no other value of `set` agrees with `v`
/// on all of them.
fn sel_bits(v: usize, set: &std::collections::BTreeSet<usize>) -> Vec<usize> {
    assert!(set.contains(&v), "{v} not in {set:?}");
    let mut rest: Vec<usize> = set.iter().copied().filter(|&x| x != v).collect();
    let mut bits = Vec::new();
    while !rest.is_empty() {
        let best = (0..16)
            .max_by_key(|&i| {
                (
                    rest.iter().filter(|&&x| (x ^ v) >> i & 1 == 1).count(),
                    16 - i,
                )
            })
            .unwrap();
        bits.push(best);
        rest.retain(|&x| (x ^ v) >> best & 1 == 0);
    }
    bits.sort_unstable();
    bits
}

/// The body of module `engine` (see the module doc).
pub(super) fn glue(e: &Engine) -> String {
    let sh = &e._sh;
    let nl = sh.nl();
    let (r, c, p) = (sh.rows, sh.cols, sh.p);
    let mems = sh.mems();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n// ==== Engine glue: {r}x{c} array, {p} lanes per memory, layers {:?}, batch {}.\n\
         // Generated from Engine::update (src/hw/engine_glue.rs); memory ids resolved at generation.\n",
        sh.layers, sh.batch
    );

    // ---- clocks
    let mut b = Block::new("Clock distribution: every sub-block runs on `clock`.");
    for n in ["seq", "array", "drain", "regs", "narrow_g", "update"] {
        b.set(format!("{n}$clock"), "clock");
    }
    for (n, k) in [
        ("mems", e.mems.len()),
        ("narrow_w", e.narrow_w.len()),
        ("acts", e.acts.len()),
        ("losses", e.losses.len()),
    ] {
        for i in 0..k {
            b.set(format!("{n}${i}$clock"), "clock");
        }
    }
    out.push_str(&b.end());

    // ---- host bus and status
    let mut b = Block::new(
        "Host bus (register file), status outputs, registers read back, start/batch to the sequencer.",
    );
    for s in ["addr", "wdata", "we", "re"] {
        b.set(format!("regs${s}"), s);
    }
    b.set("rdata", "regs$rdata");
    b.set("busy", "seq$busy");
    b.set("done", "seq$done");
    b.set("regs$busy", "seq$busy");
    b.set("regs$done", "seq$done");
    b.set("regs$correct", "drain$correct");
    for k in 0..e.regs.sat.len().min(e.drain.sat.len()) {
        b.set(format!("regs$sat${k}"), format!("drain$sat${k}"));
    }
    b.set("regs$lfsr_state", "update$lfsr_state");
    b.set("seq$start", "regs$start");
    b.set("seq$batch", "regs$batch");
    out.push_str(&b.end());

    // ---- drain inputs
    if super::ANNOUNCE_DELAY > 0 {
        let _ = writeln!(
            out,
            "// The sequencer's tile announcement to the drain, delayed {} cycles: the array's\n\
             // controls' delay (operands from the memories' rd_data_q, skew_mem::READ_LATENCY = 2)\n\
             // plus the PE's result latency beyond 2 (pe::RESULT_LATENCY = {}).",
            super::ANNOUNCE_DELAY,
            super::super::pe::RESULT_LATENCY
        );
        for k in 0..super::ANNOUNCE_DELAY {
            for (s, w) in super::ANNOUNCE {
                let _ = writeln!(out, "reg [{}:0] ann{k}_{s} = {w}'d0;", w - 1);
            }
        }
        out.push_str("always @(posedge clock) begin\n");
        for k in 0..super::ANNOUNCE_DELAY {
            for (s, _) in super::ANNOUNCE {
                let src = if k == 0 {
                    format!("seq${s}")
                } else {
                    format!("ann{}_{s}", k - 1)
                };
                let _ = writeln!(out, "    ann{k}_{s} <= {src};");
            }
        }
        out.push_str("end\n\n");
    }
    let mut b = Block::new(
        "Drain controller: the sequencer's tile stream, the register file,\n\
         the array's saturation flags, the datapath units' flags, the loss units.",
    );
    for s in ["rd_en", "a_mem", "b_mem"] {
        b.set(format!("drain${s}"), format!("seq${s}"));
    }
    // the tile announcement, ANNOUNCE_DELAY cycles late (the PE's result latency beyond 2)
    for (s, _) in super::ANNOUNCE {
        let src = if super::ANNOUNCE_DELAY == 0 {
            format!("seq${s}")
        } else {
            format!("ann{}_{s}", super::ANNOUNCE_DELAY - 1)
        };
        b.set(format!("drain${s}"), src);
    }
    b.set("drain$start", "regs$start");
    b.set("drain$batch", "regs$batch");
    for i in 0..e.drain.labels.len().min(e.regs.labels.len()) {
        b.set(format!("drain$labels${i}"), format!("regs$labels${i}"));
    }
    for k in 0..e.drain.sat_in.len().min(e.array.sat.len()) {
        b.set(format!("drain$sat_in${k}"), format!("array$sat${k}"));
    }
    for j in 0..c {
        b.set(
            format!("drain$nw_val${j}"),
            format!("narrow_w${j}$value_out"),
        );
        b.set(format!("drain$nw_sat${j}"), format!("narrow_w${j}$sat"));
        b.set(format!("drain$dsat${j}"), format!("acts${j}$dsat"));
    }
    b.set("drain$g_sat", "narrow_g$sat");
    for u in 0..e.losses.len() {
        for (d, l) in [
            ("l_out_valid", "out_valid"),
            ("l_out_last", "out_last"),
            ("l_err", "err"),
            ("l_sat", "sat"),
            ("l_correct", "correct"),
        ] {
            b.set(format!("drain${d}${u}"), format!("losses${u}${l}"));
        }
        for (l, d) in [
            ("start", "l_start"),
            ("label", "l_label"),
            ("in_valid", "l_in_valid"),
            ("logit", "l_logit"),
        ] {
            b.set(format!("losses${u}${l}"), format!("drain${d}${u}"));
        }
        b.set(format!("losses${u}$batch"), "drain$l_batch");
        b.set(format!("losses${u}$mse"), lit(1, e._mse as usize));
    }
    b.set("drain$u_valid", "update$out_valid");
    b.set("drain$u_sat_mom", "update$sat_mom");
    b.set("drain$u_sat_weight", "update$sat_weight");
    out.push_str(&b.end());

    // ---- lane-write data shared by every memory (one case on wr1_src per lane, not one per memory)
    let mut b = Block::new(
        "Lane-write data of wr1, shared by every memory: drain data or a unit's outputs (wr1_src).",
    );
    for i in 0..p {
        b.open("case (drain$wr1_src)");
        let mut arms = vec![(SRC_DRAIN, format!("drain$wr1_data${i}"))];
        if i < c {
            arms.push((SRC_ACT_Y, format!("acts${i}$y")));
            arms.push((SRC_ACT_DELTA, format!("acts${i}$delta")));
        }
        if i == 0 {
            arms.push((SRC_UPDATE, "update$w_out".to_string()));
        }
        for (src, rhs) in arms {
            b.line(format!("{}: glue_wd_{i} = {rhs};", lit(2, src as usize)));
        }
        b.line(format!("default: glue_wd_{i} = 16'd0;"));
        b.close("endcase");
    }
    let decl: Vec<String> = (0..p).map(|i| format!("glue_wd_{i}")).collect();
    out.push_str(&format!("reg [15:0] {};\n", decl.join(", ")));
    out.push_str(&b.end());

    // operand memories of the program's GEMMs (the only ids `a_mem` / `b_mem` take with `rd_en`)
    let a_codes: Vec<usize> = e
        ._prog
        .instrs
        .iter()
        .filter_map(|i| i.a)
        .map(|o| o.mem.code() as usize)
        .collect();
    let b_codes: Vec<usize> = e
        ._prog
        .instrs
        .iter()
        .filter_map(|i| i.b)
        .map(|o| o.mem.code() as usize)
        .collect();

    // The values the drain's and the sequencer's memory selects take while their enables are
    // high (the program's): the compares below test only the bits that tell them apart
    // ([`sel_eq`]). A operand ids, B operand ids, the derivative's ACT reads, the sinks' lane
    // writes (wr1: every memory a sink uses), the update unit's v' writes (wr2: V) and layers.
    use std::collections::BTreeSet;
    let a_set: BTreeSet<usize> = a_codes.iter().copied().collect();
    let b_set: BTreeSet<usize> = b_codes.iter().copied().collect();
    let aux_set: BTreeSet<usize> = e
        ._prog
        .instrs
        .iter()
        .filter_map(|i| match i.sink {
            Some(Sink::Deriv(l)) => Some(mem_index(Mem::Act(l), nl)),
            _ => None,
        })
        .collect();
    let wr1_set: BTreeSet<usize> = e
        ._prog
        .instrs
        .iter()
        .filter_map(|i| i.sink)
        .flat_map(|k| k.mems())
        .map(|m| mem_index(m, nl))
        .collect();
    let wr2_set: BTreeSet<usize> = (0..nl).map(|l| mem_index(Mem::V(l), nl)).collect();
    let layer_set: BTreeSet<usize> = (0..nl).collect();

    // ---- memory requests, one block per memory
    for (mi, &m) in mems.iter().enumerate() {
        let code = m.code() as usize;
        let (rows, cols) = sh.dims(m);
        let wins: Vec<usize> = (0..e._win_mem.len())
            .filter(|&k| e._win_mem[k] == mi)
            .collect();
        let mut b = Block::new(&format!(
            "Memory {mi}: {} ({rows}x{cols}, id {code:#04x}). Lane read: operand A, else operand B,\n\
             else the derivative unit's ACT read. Lane write: wr1 (drain data or a unit's outputs),\n\
             else wr2 (the update unit's v'). Word port: the update unit's W/V read, else the host window{}.\n\
             Address and data inputs are not zeroed while their enable is low (the memory ignores them\n\
             then, see skew_mem.rs): one source mux per port instead of a mux and a zero gate.",
            mem_name(m),
            if wins.is_empty() {
                " (none maps here)".to_string()
            } else {
                format!(
                    " ({})",
                    wins.iter()
                        .map(|&k| format!("window {k}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
        let q = format!("mems${mi}$");
        // lane read: A, B (only if the program ever reads this memory as that operand), aux; idle
        // keeps the aux request's address with rd_en low
        let mut first = true;
        for (op, set) in [("a", &a_set), ("b", &b_set)] {
            if !set.contains(&code) {
                continue;
            }
            b.open(format!(
                "{}if (seq$rd_en && {}) begin",
                if first { "" } else { "end else " },
                sel_eq(&format!("seq${op}_mem"), code, set)
            ));
            b.set(format!("{q}rd_en"), "1'b1");
            for s in ["row", "col", "dir", "lanes"] {
                b.set(format!("{q}rd_{s}"), format!("seq${op}_{s}"));
            }
            b.ind -= 1;
            first = false;
        }
        let aux_rd = if aux_set.contains(&mi) {
            format!("drain$aux_en && {}", sel_eq("drain$aux_mem", mi, &aux_set))
        } else {
            "1'b0".to_string()
        };
        if !first {
            b.open("end else begin");
        }
        b.set(format!("{q}rd_en"), aux_rd);
        b.set(format!("{q}rd_row"), "drain$aux_row");
        b.set(format!("{q}rd_col"), "drain$aux_col");
        b.set(format!("{q}rd_dir"), "1'b0");
        b.set(format!("{q}rd_lanes"), "drain$aux_lanes");
        if !first {
            b.close("end");
        }
        // lane write: wr1, else wr2 (V memories only: wr2_mem = V[l]); row and column are wr1's in
        // both cases, so they need no mux
        let w1 = if wr1_set.contains(&mi) {
            format!(
                "(drain$wr1_en && {})",
                sel_eq("drain$wr1_mem", mi, &wr1_set)
            )
        } else {
            "1'b0".to_string()
        };
        let is_v = matches!(m, Mem::V(_));
        b.set(format!("{q}wr_row"), "drain$wr1_row");
        b.set(format!("{q}wr_col"), "drain$wr1_col");
        for i in 1..p {
            b.set(format!("{q}wr_data${i}"), format!("glue_wd_{i}"));
        }
        if is_v {
            let w2 = format!(
                "(drain$wr2_en && {})",
                sel_eq("drain$wr2_mem", mi, &wr2_set)
            );
            b.set(format!("{q}wr_en"), format!("{w1} || {w2}"));
            b.open(format!("if ({w1}) begin"));
            b.set(format!("{q}wr_mask"), "drain$wr1_mask");
            b.set(format!("{q}wr_data$0"), "glue_wd_0");
            b.close("end else begin");
            b.ind += 1;
            b.set(format!("{q}wr_mask"), "16'd1");
            b.set(format!("{q}wr_data$0"), "update$v_out");
            b.close("end");
        } else {
            b.set(format!("{q}wr_en"), w1);
            b.set(format!("{q}wr_mask"), "drain$wr1_mask");
            b.set(format!("{q}wr_data$0"), "glue_wd_0");
        }
        // word port: the update unit's read, else the host window; idle keeps the window's address
        let upd_layer = match m {
            Mem::W(l) | Mem::V(l) => Some(l),
            _ => None,
        };
        let win_cond = (!wins.is_empty()).then(|| {
            let cond = wins
                .iter()
                .map(|&k| format!("(regs$win_idx == {})", lit(8, k)))
                .collect::<Vec<_>>()
                .join(" || ");
            format!("regs$win_en && ({cond})")
        });
        match (upd_layer, win_cond) {
            (Some(l), Some(wc)) => {
                let uc = format!(
                    "drain$upd_en && {}",
                    sel_eq("drain$upd_layer", l, &layer_set)
                );
                b.set(format!("{q}word_wdata"), "regs$win_wdata");
                b.open(format!("if ({uc}) begin"));
                b.set(format!("{q}word_en"), "1'b1");
                b.set(format!("{q}word_we"), "1'b0");
                b.set(format!("{q}word_row"), "drain$upd_row");
                b.set(format!("{q}word_col"), "drain$upd_col");
                b.close("end else begin");
                b.ind += 1;
                b.set(format!("{q}word_en"), wc.clone());
                b.set(format!("{q}word_we"), format!("({wc}) && regs$win_we"));
                b.set(format!("{q}word_row"), "regs$win_row");
                b.set(format!("{q}word_col"), "regs$win_col");
                b.close("end");
            }
            (Some(l), None) => {
                let uc = format!(
                    "drain$upd_en && {}",
                    sel_eq("drain$upd_layer", l, &layer_set)
                );
                b.set(format!("{q}word_en"), uc);
                b.set(format!("{q}word_we"), "1'b0");
                b.set(format!("{q}word_row"), "drain$upd_row");
                b.set(format!("{q}word_col"), "drain$upd_col");
                b.set(format!("{q}word_wdata"), "16'd0");
            }
            (None, Some(wc)) => {
                b.set(format!("{q}word_en"), wc.clone());
                b.set(format!("{q}word_we"), format!("({wc}) && regs$win_we"));
                b.set(format!("{q}word_row"), "regs$win_row");
                b.set(format!("{q}word_col"), "regs$win_col");
                b.set(format!("{q}word_wdata"), "regs$win_wdata");
            }
            (None, None) => {
                for (s, v) in [
                    ("word_en", "1'b0"),
                    ("word_we", "1'b0"),
                    ("word_row", "16'd0"),
                    ("word_col", "16'd0"),
                    ("word_wdata", "16'd0"),
                ] {
                    b.set(format!("{q}{s}"), v);
                }
            }
        }
        out.push_str(&b.end());
    }

    // ---- operands back to the array
    // The selects (drain's a_sel_q / b_sel_q = index + 1 of the memory read, 0 = none) and the
    // array's controls one cycle later, as registers: the selects one-hot, one bit per memory the
    // program reads as that operand, so the operand mux after the memories' read registers is an
    // AND-OR of registers.
    const _: () = assert!(
        super::CONTROL_DELAY == 1,
        "the glue registers the selects once"
    );
    let read_as = |codes: &[usize]| -> Vec<usize> {
        (0..mems.len())
            .filter(|&mi| codes.contains(&(mems[mi].code() as usize)))
            .collect()
    };
    let a_src = read_as(&a_codes);
    let b_src = read_as(&b_codes);
    out.push_str(
        "// The array's controls and the operand selects, CONTROL_DELAY = 1 cycle late (with the\n\
         // memories' rd_data_q: the read two cycles ago), the selects one-hot per memory.\n",
    );
    for s in ["mac_en", "first", "last"] {
        let _ = writeln!(out, "reg ctl_{s} = 1'b0;");
    }
    for (op, src) in [("a", &a_src), ("b", &b_src)] {
        for &mi in src.iter() {
            let _ = writeln!(out, "reg ctl_{op}_oh_{mi} = 1'b0;");
        }
    }
    out.push_str("always @(posedge clock) begin\n");
    for s in ["mac_en", "first", "last"] {
        let _ = writeln!(out, "    ctl_{s} <= seq${s};");
    }
    for (op, src) in [("a", &a_src), ("b", &b_src)] {
        for &mi in src.iter() {
            let _ = writeln!(
                out,
                "    ctl_{op}_oh_{mi} <= (drain${op}_sel_q == {});",
                lit(8, mi + 1)
            );
        }
    }
    out.push_str("end\n\n");
    let mut b = Block::new(
        "Operands: lanes of the memories read two cycles ago (rd_data_q; the one-hot selects\n\
         ctl_a_oh_* / ctl_b_oh_*) to the array's rows (A) and columns (B); the array's controls.",
    );
    for (op, n, pre, src) in [("a_in", r, "a", &a_src), ("b_in", c, "b", &b_src)] {
        for i in 0..n {
            let terms: Vec<String> = src
                .iter()
                .map(|&mi| format!("({{16{{ctl_{pre}_oh_{mi}}}}} & mems${mi}$rd_data_q${i})"))
                .collect();
            let rhs = if terms.is_empty() {
                "16'd0".to_string()
            } else {
                terms.join(" | ")
            };
            b.set(format!("array${op}${i}"), rhs);
        }
    }
    b.set("array$mac_en", "ctl_mac_en");
    b.set("array$first", "ctl_first");
    b.set("array$last", "ctl_last");
    b.set("array$shift", "drain$shift");
    out.push_str(&b.end());

    // ---- narrowing and activation/derivative units
    let mut b = Block::new(
        "Per array column: the output narrowing and the activation / derivative unit, whose `a`\n\
         is the ACT lane the drain read last cycle (aux_sel_q = memory index + 1, 0 = none).",
    );
    for j in 0..c {
        b.set(format!("narrow_w${j}$acc_in"), format!("array$acc_out${j}"));
        b.set(format!("narrow_w${j}$rnd"), "32'd0");
        b.set(format!("acts${j}$x"), format!("narrow_w${j}$value_out"));
        b.set(format!("acts${j}$kind"), "drain$act_kind");
        b.set(format!("acts${j}$da"), format!("narrow_w${j}$value_out"));
        b.set(format!("acts${j}$dkind"), "drain$act_dkind");
    }
    // only the memories the program's derivative sinks read (ACT[l] for DX l): aux_sel_q takes
    // no other value, and a shorter case is a shorter mux after the block RAMs
    let aux_src = &aux_set;
    b.open("case (drain$aux_sel_q)");
    for &mi in aux_src.iter() {
        b.open(format!("{}: begin", lit(8, mi + 1)));
        for j in 0..c {
            b.set(format!("acts${j}$a"), format!("mems${mi}$rd_data${j}"));
        }
        b.close("end");
    }
    b.open("default: begin");
    for j in 0..c {
        b.set(format!("acts${j}$a"), "16'd0");
    }
    b.close("end");
    b.close("endcase");
    out.push_str(&b.end());

    // ---- the update unit
    let mut b = Block::new(
        "Update unit: g = the dW narrowing of array column upd_lane (clamped to the last column);\n\
         w, v = the W[l]/V[l] words read last cycle (upd_sel_q = layer + 1, 0 = none); registers.",
    );
    b.open("case (drain$upd_lane)");
    for j in 0..c - 1 {
        b.line(format!(
            "{}: narrow_g$acc_in = array$acc_out${j};",
            lit(8, j)
        ));
    }
    b.line(format!(
        "default: narrow_g$acc_in = array$acc_out${};",
        c - 1
    ));
    b.close("endcase");
    b.set("narrow_g$rnd", "32'd0");
    b.open("case (drain$upd_sel_q)");
    for l in 0..nl {
        b.open(format!("{}: begin", lit(8, l + 1)));
        b.set(
            "update$w",
            format!("mems${}$word_rdata", mem_index(Mem::W(l), nl)),
        );
        b.set(
            "update$v",
            format!("mems${}$word_rdata", mem_index(Mem::V(l), nl)),
        );
        b.close("end");
    }
    b.open("default: begin");
    b.set("update$w", "16'd0");
    b.set("update$v", "16'd0");
    b.close("end");
    b.close("endcase");
    b.set("update$g", "narrow_g$value_out");
    b.set("update$valid", "drain$upd_valid");
    b.set("update$is_bias", "drain$upd_bias");
    b.set("update$eta", "regs$eta");
    b.set("update$mu", "regs$mu");
    b.set("update$one_minus_mu", "regs$one_minus_mu");
    b.set("update$wd", "regs$two_lambda");
    b.set("update$ema", lit(1, e._ema as usize));
    b.set("update$lfsr_load", "regs$lfsr_load");
    b.set("update$lfsr_seed", "regs$lfsr_seed");
    b.set("update$lfsr_seed_zero", "regs$lfsr_seed_zero");
    out.push_str(&b.end());

    // ---- host window read data
    let mut b = Block::new(
        "Host window read: the word of the window read two cycles ago (win_sel_q = window index + 1,\n\
         0 = none; the labels window has no memory and reads 0 here).",
    );
    b.open("case (regs$win_sel_q)");
    for (k, &mi) in e._win_mem.iter().enumerate() {
        if mi != super::NONE {
            b.line(format!(
                "{}: regs$win_rdata = mems${mi}$word_rdata; // {}",
                lit(8, k + 1),
                mem_name(mems[mi])
            ));
        }
    }
    b.line("default: regs$win_rdata = 16'd0;");
    b.close("endcase");
    out.push_str(&b.end());
    out
}

/// A host-bus smoke test of the emitted engine: one bus operation per cycle.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusOp {
    pub addr: u16,
    pub wdata: u16,
    pub we: bool,
    pub re: bool,
}

/// The smoke sequence for a config: write ETA, MU, 1−μ, 2λ, BATCH, the LFSR ({HI, LO}), a few
/// words of every window (first, last and an inner element of X, W[l], V[l], one label), a write
/// to every memory window's padding (the column past the last and the last word of its block,
/// where those are padding: no access), idle cycles, then read all of them back (padding reads 0),
/// plus a word never written (0) and STATUS (idle: 0). Returns the operations and, per read,
/// `(address, value written)`.
#[cfg(test)]
pub fn smoke_ops(cfg: &crate::config::Config) -> (Vec<BusOp>, Vec<(u16, u16)>) {
    use super::super::regfile::{self as rf, RegMap, WinKind};
    let map = RegMap::new(cfg);
    let mut written: Vec<(u16, u16)> = vec![
        (rf::ETA, 0x1234),
        (rf::MU, 0x7abc),
        (rf::ONE_MINUS_MU, 0x0543),
        (rf::TWO_LAMBDA, 0x00d1),
        (rf::BATCH, cfg.train.batch_size as u16),
        (rf::LFSR_LO, 0xbeef),
        (rf::LFSR_HI, 0x1357),
    ];
    let mut k = 0u16;
    for w in &map.windows {
        let cells = [(0, 0), (w.rows - 1, w.cols - 1), (w.rows / 2, w.cols / 3)];
        for (r, c) in cells {
            k += 1;
            let v = match w.kind {
                // a label is a class index
                WinKind::Labels => (k % 10) + 1,
                // mixed signs, the most negative value included
                _ => [0x8000, 0x7fff, 0xffff, 0x0101][k as usize % 4] ^ (k << 4),
            };
            if !written.iter().any(|(a, _)| *a == w.addr(r, c)) {
                written.push((w.addr(r, c), v));
            }
        }
    }
    let mut ops: Vec<BusOp> = written
        .iter()
        .map(|&(addr, wdata)| BusOp {
            addr,
            wdata,
            we: true,
            re: false,
        })
        .collect();
    let mut pads = Vec::new();
    for w in map.windows.iter().filter(|w| w.kind != WinKind::Labels) {
        for a in [
            w.base + (1 << w.shift) - 1,
            (w.base as usize + w.size - 1) as u16,
        ] {
            if w.decode(a).is_none() && !pads.contains(&a) {
                pads.push(a);
                ops.push(BusOp {
                    addr: a,
                    wdata: 0x5a5a,
                    we: true,
                    re: false,
                });
            }
        }
    }
    assert!(!pads.is_empty(), "no padding in the map");
    let idle = BusOp {
        addr: 0,
        wdata: 0,
        we: false,
        re: false,
    };
    ops.extend([idle; 3]);
    let w0 = map.window(WinKind::W(0));
    let mut reads = written.clone();
    // LFSR_LO/HI read back the LFSR state the HI write loaded ({HI, LO}).
    reads.push((w0.addr(1, 1), 0));
    reads.push((rf::STATUS, 0));
    reads.extend(pads.iter().map(|&a| (a, 0)));
    for &(addr, _) in &reads {
        ops.push(BusOp {
            addr,
            wdata: 0,
            we: false,
            re: true,
        });
    }
    ops.extend([idle; 2]);
    (ops, reads)
}

/// A self-checking testbench driving `ops` into module `engine` (falling edge: inputs; then the
/// check of `rdata` against `expect[i]` of every cycle; rising edge), ending with
/// `RESULT checks=N mismatches=M`.
#[cfg(test)]
pub fn smoke_tb(ops: &[BusOp], expect: &[u16]) -> String {
    assert_eq!(ops.len(), expect.len());
    let mut s = String::from(
        "// Host-bus smoke test of the emitted engine (GENERATED by mlp-rtl tests: src/hw/engine_glue.rs).\n\
         `timescale 1ns/1ps\n\
         module engine_smoke_tb;\n\
         \x20 reg clock = 1'b0;\n\
         \x20 always #5 clock = ~clock;\n\
         \x20 reg [15:0] addr = 16'd0;\n\
         \x20 reg [15:0] wdata = 16'd0;\n\
         \x20 reg we = 1'b0;\n\
         \x20 reg re = 1'b0;\n\
         \x20 wire [15:0] rdata;\n\
         \x20 wire busy;\n\
         \x20 wire done;\n\
         \x20 integer checks = 0;\n\
         \x20 integer errors = 0;\n\
         \x20 engine dut(.clock(clock), .addr(addr), .wdata(wdata), .we(we), .re(re), .rdata(rdata), .busy(busy), .done(done));\n\
         \x20 task cyc(input integer n, input [15:0] a, input [15:0] d, input w, input r, input [15:0] exp);\n\
         \x20   begin\n\
         \x20     @(negedge clock);\n\
         \x20     addr = a; wdata = d; we = w; re = r;\n\
         \x20     #1;\n\
         \x20     checks = checks + 1;\n\
         \x20     if (rdata !== exp || busy !== 1'b0) begin\n\
         \x20       errors = errors + 1;\n\
         \x20       $display(\"MISMATCH cycle %0d: rdata %h, expected %h (busy %b)\", n, rdata, exp, busy);\n\
         \x20     end\n\
         \x20   end\n\
         \x20 endtask\n\
         \x20 initial begin\n",
    );
    for (i, (o, e)) in ops.iter().zip(expect).enumerate() {
        let _ = writeln!(
            s,
            "    cyc({i}, 16'h{:04x}, 16'h{:04x}, 1'b{}, 1'b{}, 16'h{e:04x});",
            o.addr, o.wdata, o.we as u8, o.re as u8
        );
    }
    s.push_str(
        "    $display(\"RESULT checks=%0d mismatches=%0d\", checks, errors);\n\
         \x20   $finish;\n\
         \x20 end\n\
         endmodule\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::hw::driver::EngineSim;
    use crate::hw::harness::{check_ok, run_tool, target_dir};
    use crate::hw::host::HostBus;
    use std::process::Command;

    /// `rdata` of every cycle of `ops` in rust-hdl's simulation of the engine (the model).
    fn model(cfg: &Config, ops: &[BusOp]) -> Vec<u16> {
        let mut sim = EngineSim::new(cfg);
        ops.iter()
            .map(|o| sim.tick(o.addr, o.wdata, o.we, o.re))
            .collect()
    }

    /// The expectations hold in the model: every read returns what was written (read latency 2).
    #[test]
    fn engine_smoke_sequence_reads_back_in_the_model() {
        let cfg = Config::default();
        let (ops, reads) = smoke_ops(&cfg);
        let got = model(&cfg, &ops);
        let first_read = ops.iter().position(|o| o.re).unwrap();
        for (k, &(addr, v)) in reads.iter().enumerate() {
            assert_eq!(
                got[first_read + k + crate::hw::regfile::BUS_LATENCY],
                v,
                "address {addr:#06x}"
            );
        }
        assert!(reads.len() > 20, "{}", reads.len());
    }

    fn parse(stdout: &str) -> (usize, usize) {
        let l = stdout
            .lines()
            .find(|l| l.starts_with("RESULT"))
            .unwrap_or_else(|| panic!("no RESULT line:\n{stdout}"));
        let num = |k: &str| -> usize {
            l.split_whitespace()
                .find_map(|w| w.strip_prefix(k))
                .and_then(|v| v.parse().ok())
                .unwrap()
        };
        (num("checks="), num("mismatches="))
    }

    /// The emitted engine (Icarus and Verilator) answers the host bus cycle for cycle as the
    /// rust-hdl model does: registers, LFSR state and the X / W / V / label windows read back. A
    /// corrupted expectation is caught (the testbench can fail).
    #[test]
    fn engine_v_host_bus_smoke_icarus_verilator() {
        let cfg = Config::default();
        let (ops, _) = smoke_ops(&cfg);
        let exp = model(&cfg, &ops);
        let dir = target_dir().join("hwbuild").join("engine_smoke");
        std::fs::create_dir_all(&dir).unwrap();
        let dut = dir.join("engine.v");
        std::fs::write(&dut, crate::flow::engine_verilog(&cfg)).unwrap();
        let tb = dir.join("engine_smoke_tb.sv");
        std::fs::write(&tb, smoke_tb(&ops, &exp)).unwrap();
        let mut bad = exp.clone();
        // the cycle after the last read shows its word
        let i = ops.iter().rposition(|o| o.re).unwrap() + 1;
        bad[i] ^= 0x0040;
        let tb_bad = dir.join("engine_smoke_bad_tb.sv");
        std::fs::write(&tb_bad, smoke_tb(&ops, &bad)).unwrap();
        // Icarus
        for (t, want_bad) in [(&tb, 0), (&tb_bad, 1)] {
            let vvp = dir.join("smoke.vvp");
            let o = run_tool(
                Command::new("iverilog")
                    .args(["-g2012", "-s", "engine_smoke_tb", "-o"])
                    .arg(&vvp)
                    .arg(&dut)
                    .arg(t),
                "iverilog",
            )
            .unwrap();
            check_ok(&o, "iverilog").unwrap();
            let o = run_tool(Command::new("vvp").arg("-n").arg(&vvp), "vvp").unwrap();
            check_ok(&o, "vvp").unwrap();
            let (n, m) = parse(&String::from_utf8_lossy(&o.stdout));
            assert_eq!(n, ops.len(), "icarus checks");
            assert_eq!(m, want_bad, "icarus mismatches ({})", t.display());
        }
        // Verilator
        let mdir = dir.join("verilator");
        let o = run_tool(
            Command::new("verilator")
                .args([
                    "--binary",
                    "-O1",
                    "--top-module",
                    "engine_smoke_tb",
                    "--Mdir",
                ])
                .arg(&mdir)
                .args(["-o", "tb", "-j", "2", "-CFLAGS", "-O1"])
                .arg(crate::hw::harness::waivers())
                .arg(&tb)
                .arg(&dut),
            "verilator",
        )
        .unwrap();
        check_ok(&o, "verilator build").unwrap();
        let o = run_tool(&mut Command::new(mdir.join("tb")), "verilator run").unwrap();
        check_ok(&o, "verilator run").unwrap();
        let (n, m) = parse(&String::from_utf8_lossy(&o.stdout));
        assert_eq!((n, m), (ops.len(), 0), "verilator");
    }

    /// `sel_eq`'s bits tell every value of the set from every other one (so the short compare
    /// equals the full `==` on the set), for random sets of 1–12 values below 2^8.
    #[test]
    fn sel_bits_separate_every_value_of_the_set() {
        use std::collections::BTreeSet;
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for case in 0..500 {
            let n = 1 + case % 12;
            let mut set = BTreeSet::new();
            while set.len() < n {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                set.insert((rng % 256) as usize);
            }
            for &v in &set {
                let bits = sel_bits(v, &set);
                // each bit picked tells `v` from at least one more value
                assert!(bits.len() < set.len(), "set {set:?}, v {v}: {bits:?}");
                for &x in &set {
                    let agrees = bits.iter().all(|&i| (x >> i & 1) == (v >> i & 1));
                    assert_eq!(agrees, x == v, "set {set:?}, v {v}, x {x}: bits {bits:?}");
                }
            }
            let one: BTreeSet<usize> = [7].into_iter().collect();
            assert_eq!(sel_eq("s", 7, &one), "1'b1");
        }
        let set: BTreeSet<usize> = [2, 3].into_iter().collect();
        assert_eq!(sel_eq("m", 2, &set), "(~m[0])");
        assert_eq!(sel_eq("m", 3, &set), "(m[0])");
    }
}
