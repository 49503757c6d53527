//! Logic depth of every register-to-register path in a Yosys iCE40 netlist: which endpoints have
//! too many LUT levels for the clock, named, before place-and-route says only the worst one.
//!
//! nextpnr reports a single critical path; fixing it shows the next one a 3–5 minute run later.
//! This pass reads the JSON Yosys writes after `synth_ice40` and walks the whole netlist once:
//! for every input pin of a sequential cell (flip-flop `D`/`E`/`R`/`S`, block-RAM address, data and
//! enables, DSP operands) it finds the latest-arriving path from a sequential output (flip-flop
//! `Q`, block-RAM `RDATA`, DSP output) or a top-level input, and reports its LUT levels, carry bits
//! and an estimated delay.
//!
//! # Delay model (an estimate; the levels are exact)
//! Calibrated on nextpnr-ice40's critical-path reports of the up5k engine (92 % of the UP5K's
//! cells): a cell's clock-to-output 1.2 ns, a LUT 1.1 ns, a routed net 2.5 ns (1.8 ns between
//! neighbouring tiles, up to 4 ns across the device; 2.5 is the average of the engine's critical
//! paths), a carry bit 0.3 ns, a carry chain entered from a LUT 0.4 ns plus its net, a carry output
//! into its LUT (`I3`) or the next carry (`CI`) free of routing. The nextpnr path it was fitted on:
//! 7 LUT levels, 8 nets, 29.6 ns measured, 28.9 ns estimated. With this model a path of `L` LUT
//! levels and no carry costs `1.2 + 2.5·(L+1) + 1.1·L` ns: 4 levels 18.1 ns, 5 levels 21.7 ns —
//! so 50 MHz in the full device wants ≤ 4 LUT levels per path (a carry chain counts ~1 level per
//! 8–12 bits).
//!
//! ```text
//!   FF.Q ─► LUT ─► LUT ─► CARRY…CARRY ─► LUT ─► FF.D      levels 3, carry bits n
//!   1.2 +2.5 1.1 +2.5 1.1 +2.5+0.4+0.3n   +0   1.1 +2.5   = estimate
//! ```
//!
//! Endpoints are grouped by register (a flip-flop's output net name without its bit index, or a
//! RAM/DSP cell and pin), keeping each group's worst path.

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// Delays of the model (ns); see the module doc for where they come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DelayModel {
    pub clk_to_out: f64,
    pub lut: f64,
    pub net: f64,
    pub carry_bit: f64,
    pub carry_entry: f64,
}

impl DelayModel {
    /// The iCE40 UP5K in a nearly full device (see the module doc).
    pub const UP5K: DelayModel = DelayModel {
        clk_to_out: 1.2,
        lut: 1.1,
        net: 2.5,
        carry_bit: 0.3,
        carry_entry: 0.4,
    };
}

/// The worst path into one endpoint group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeepPath {
    /// The register (flip-flop output net without its bit index) or `cell.PIN` of a RAM/DSP.
    pub endpoint: String,
    /// The cell type at the endpoint (`SB_DFFE`, `SB_MAC16`, `SB_RAM40_4K`, …).
    pub endpoint_cell: String,
    /// Where the path starts: a sequential output's net, or `input:NAME` for a top-level port.
    pub source: String,
    /// LUTs on the path.
    pub levels: usize,
    /// Carry cells on the path.
    pub carry_bits: usize,
    /// Estimated delay, [`DelayModel`].
    pub est_ns: f64,
    /// The nets the path passes, source first.
    pub via: Vec<String>,
}

fn is_seq(t: &str) -> bool {
    t.starts_with("SB_DFF")
        || t.starts_with("SB_RAM")
        || t == "SB_MAC16"
        || t.starts_with("SB_SPRAM")
}

#[derive(Clone, Copy)]
struct Arrival {
    ns: f64,
    levels: usize,
    carries: usize,
    /// The bit whose arrival this extends (`None` at a source).
    from: Option<i64>,
}

/// Every endpoint group of `top` in the Yosys JSON `json`, worst first (all of them; the caller
/// cuts the list).
pub fn deep_paths(json: &str, top: &str, model: &DelayModel) -> Result<Vec<DeepPath>> {
    let doc: Value = serde_json::from_str(json).context("parsing the Yosys JSON netlist")?;
    let Some(module) = doc["modules"].get(top) else {
        bail!("the Yosys netlist has no module `{top}`");
    };
    // Net names: prefer public names (hide_name 0), then the shortest.
    let mut names: HashMap<i64, (bool, String, usize)> = HashMap::new();
    if let Some(nets) = module["netnames"].as_object() {
        for (n, v) in nets {
            let public = v["hide_name"].as_i64().unwrap_or(1) == 0;
            for (i, b) in v["bits"].as_array().into_iter().flatten().enumerate() {
                let Some(b) = b.as_i64() else { continue };
                let better = match names.get(&b) {
                    None => true,
                    Some((p, old, _)) => (public && !p) || (public == *p && n.len() < old.len()),
                };
                if better {
                    names.insert(b, (public, n.clone(), i));
                }
            }
        }
    }
    let bit_name = |b: i64| match names.get(&b) {
        Some((_, n, i)) => format!("{n}[{i}]"),
        None => format!("net{b}"),
    };
    let group_name = |b: i64| match names.get(&b) {
        Some((_, n, _)) => n.clone(),
        None => format!("net{b}"),
    };

    struct Cell<'a> {
        ty: &'a str,
        name: &'a str,
        ins: Vec<(&'a str, Vec<i64>)>,
        outs: Vec<i64>,
    }
    let cells_json = module["cells"]
        .as_object()
        .context("the Yosys netlist's module has no cells")?;
    let mut cells = Vec::with_capacity(cells_json.len());
    let mut driver: HashMap<i64, usize> = HashMap::new();
    for (name, c) in cells_json {
        let ty = c["type"].as_str().unwrap_or("");
        let dirs = &c["port_directions"];
        let mut cell = Cell {
            ty,
            name,
            ins: vec![],
            outs: vec![],
        };
        for (port, bits) in c["connections"].as_object().into_iter().flatten() {
            let bits: Vec<i64> = bits
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
                .collect();
            if dirs[port.as_str()].as_str() == Some("output") {
                cell.outs.extend(&bits);
            } else {
                cell.ins.push((port.as_str(), bits));
            }
        }
        for &b in &cell.outs {
            driver.insert(b, cells.len());
        }
        cells.push(cell);
    }

    // Arrival at each bit (the driver's output), memoised, by an explicit stack (carry chains and
    // LUT cones can be deep).
    let mut arr: HashMap<i64, Arrival> = HashMap::new();
    let source = Arrival {
        ns: model.clk_to_out,
        levels: 0,
        carries: 0,
        from: None,
    };
    let arrival_of = |bit: i64, arr: &mut HashMap<i64, Arrival>| -> Arrival {
        let mut stack = vec![bit];
        let mut on_stack: HashMap<i64, ()> = HashMap::new();
        while let Some(&b) = stack.last() {
            if arr.contains_key(&b) {
                stack.pop();
                continue;
            }
            let Some(&ci) = driver.get(&b) else {
                arr.insert(b, Arrival { ns: 0.0, ..source });
                stack.pop();
                continue;
            };
            let cell = &cells[ci];
            if is_seq(cell.ty) {
                arr.insert(b, source);
                stack.pop();
                continue;
            }
            let lut = cell.ty == "SB_LUT4";
            let carry = cell.ty == "SB_CARRY";
            if !lut && !carry {
                // Anything else (IO, global buffers, constants' drivers): a source.
                arr.insert(b, Arrival { ns: 0.0, ..source });
                stack.pop();
                continue;
            }
            let pending: Vec<i64> = cell
                .ins
                .iter()
                .flat_map(|(_, bits)| bits.iter().copied())
                .filter(|x| !arr.contains_key(x))
                .collect();
            if !pending.is_empty() && on_stack.insert(b, ()).is_none() {
                stack.extend(pending);
                continue;
            }
            // All inputs known (or a combinational loop: unknown inputs count as sources).
            let mut best = Arrival { ns: 0.0, ..source };
            for (port, bits) in &cell.ins {
                for &x in bits {
                    let a = arr
                        .get(&x)
                        .copied()
                        .unwrap_or(Arrival { ns: 0.0, ..source });
                    let from_carry = driver.get(&x).is_some_and(|&d| cells[d].ty == "SB_CARRY");
                    let ns = if carry {
                        if *port == "CI" {
                            a.ns + model.carry_bit
                        } else {
                            a.ns + model.net + model.carry_entry
                        }
                    } else if from_carry && *port == "I3" {
                        a.ns
                    } else {
                        a.ns + model.net
                    };
                    if ns > best.ns {
                        best = Arrival {
                            ns,
                            levels: a.levels,
                            carries: a.carries,
                            from: Some(x),
                        };
                    }
                }
            }
            if lut {
                best.ns += model.lut;
                best.levels += 1;
            } else {
                best.carries += 1;
            }
            arr.insert(b, best);
            stack.pop();
        }
        arr[&bit]
    };

    let mut groups: HashMap<String, DeepPath> = HashMap::new();
    for cell in &cells {
        if !is_seq(cell.ty) {
            continue;
        }
        for (port, bits) in &cell.ins {
            if matches!(*port, "C" | "CLK" | "RCLK" | "WCLK" | "CLOCK") {
                continue;
            }
            for &b in bits {
                let a = arrival_of(b, &mut arr);
                let ns = a.ns + model.net;
                let endpoint = if cell.ty.starts_with("SB_DFF") {
                    cell.outs
                        .first()
                        .map(|&q| group_name(q))
                        .unwrap_or_else(|| cell.name.to_string())
                } else {
                    format!("{}.{port}", cell.name)
                };
                if groups.get(&endpoint).is_some_and(|g| g.est_ns >= ns) {
                    continue;
                }
                // Walk back to the source.
                let mut via = vec![bit_name(b)];
                let mut cur = a;
                while let Some(prev) = cur.from {
                    via.push(bit_name(prev));
                    cur = arr[&prev];
                }
                via.reverse();
                let start = via[0].clone();
                let src = match driver.get(&a_source(&arr, b)) {
                    None => format!("input:{start}"),
                    Some(_) => start,
                };
                groups.insert(
                    endpoint.clone(),
                    DeepPath {
                        endpoint,
                        endpoint_cell: cell.ty.to_string(),
                        source: src,
                        levels: a.levels,
                        carry_bits: a.carries,
                        est_ns: (ns * 10.0).round() / 10.0,
                        via,
                    },
                );
            }
        }
    }
    let mut out: Vec<DeepPath> = groups.into_values().collect();
    out.sort_by(|x, y| {
        y.est_ns
            .total_cmp(&x.est_ns)
            .then_with(|| x.endpoint.cmp(&y.endpoint))
    });
    Ok(out)
}

/// The bit a path into `b` starts at (following `from` links).
fn a_source(arr: &HashMap<i64, Arrival>, b: i64) -> i64 {
    let mut cur = b;
    while let Some(prev) = arr[&cur].from {
        cur = prev;
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cell(ty: &str, conns: Value, dirs: Value) -> Value {
        json!({"type": ty, "connections": conns, "port_directions": dirs})
    }
    fn lut(i: [i64; 4], o: i64) -> Value {
        cell(
            "SB_LUT4",
            json!({"I0":[i[0]],"I1":[i[1]],"I2":[i[2]],"I3":[i[3]],"O":[o]}),
            json!({"I0":"input","I1":"input","I2":"input","I3":"input","O":"output"}),
        )
    }
    fn dff(d: i64, q: i64) -> Value {
        cell(
            "SB_DFF",
            json!({"C":[1],"D":[d],"Q":[q]}),
            json!({"C":"input","D":"input","Q":"output"}),
        )
    }
    fn carry(i0: i64, i1: i64, ci: i64, co: i64) -> Value {
        cell(
            "SB_CARRY",
            json!({"I0":[i0],"I1":[i1],"CI":[ci],"CO":[co]}),
            json!({"I0":"input","I1":"input","CI":"input","CO":"output"}),
        )
    }

    /// `a_q → LUT → LUT → b_q` (2 levels) and `a_q → carry → carry → LUT(I3) → c_q`, plus a
    /// top-level input into `b_q`'s cone through one LUT; names, levels, carries and the model's
    /// sums are checked against hand-computed values.
    #[test]
    fn levels_carries_and_estimates_of_a_small_netlist() {
        let m = DelayModel::UP5K;
        let doc = json!({"modules": {"t": {
            "netnames": {
                "clock": {"hide_name": 0, "bits": [1]},
                "a_q": {"hide_name": 0, "bits": [2]},
                "x": {"hide_name": 0, "bits": [3]},
                "y": {"hide_name": 0, "bits": [4]},
                "b_q": {"hide_name": 0, "bits": [5]},
                "pin": {"hide_name": 0, "bits": [6]},
                "c0": {"hide_name": 1, "bits": [7]},
                "c1": {"hide_name": 1, "bits": [8]},
                "s": {"hide_name": 0, "bits": [9]},
                "c_q": {"hide_name": 0, "bits": [10]},
                "$auto$x": {"hide_name": 1, "bits": [2]}
            },
            "cells": {
                "ra": dff(9, 2),
                "l1": lut([2, 6, 0, 0], 3),
                "l2": lut([3, 2, 0, 0], 4),
                "rb": dff(4, 5),
                "k0": carry(2, 2, 0, 7),
                "k1": carry(2, 5, 7, 8),
                "ls": lut([5, 0, 0, 8], 9),
                "rc": dff(9, 10)
            }
        }}});
        let p = deep_paths(&doc.to_string(), "t", &m).unwrap();
        let b = p.iter().find(|x| x.endpoint == "b_q").unwrap();
        assert_eq!((b.levels, b.carry_bits), (2, 0));
        assert_eq!(b.source, "a_q[0]");
        assert_eq!(b.via, ["a_q[0]", "x[0]", "y[0]"]);
        let want = m.clk_to_out + 3.0 * m.net + 2.0 * m.lut;
        assert!((b.est_ns - want).abs() < 0.051, "{} vs {want}", b.est_ns);
        // c_q: a_q → k0 (entered from a register: net + entry) → k1 (CI) → ls (I3, no net).
        let c = p.iter().find(|x| x.endpoint == "c_q").unwrap();
        assert_eq!((c.levels, c.carry_bits), (1, 2));
        let want_c = m.clk_to_out + m.net + m.carry_entry + m.carry_bit + m.lut + m.net;
        assert!(
            (c.est_ns - want_c).abs() < 0.051,
            "{} vs {want_c}",
            c.est_ns
        );
        // ra's D is the same LUT `ls`; worst first.
        assert!(p.windows(2).all(|w| w[0].est_ns >= w[1].est_ns));
        assert_eq!(p.len(), 3);
        // A path from a top-level input is named as such.
        let doc2 = json!({"modules": {"t": {
            "netnames": {"pin": {"hide_name": 0, "bits": [6]}, "x": {"hide_name": 0, "bits": [3]},
                         "q": {"hide_name": 0, "bits": [5]}},
            "cells": {"l": lut([6, 0, 0, 0], 3), "r": dff(3, 5)}
        }}});
        let p2 = deep_paths(&doc2.to_string(), "t", &m).unwrap();
        assert_eq!(p2[0].source, "input:pin[0]");
        assert_eq!(p2[0].levels, 1);
    }

    #[test]
    fn a_missing_module_is_an_error() {
        let e = deep_paths(r#"{"modules":{}}"#, "engine", &DelayModel::UP5K).unwrap_err();
        assert!(e.to_string().contains("no module `engine`"), "{e}");
    }
}
