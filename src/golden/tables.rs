//! ROM contents of the activation unit (sigmoid, tanh) and of the softmax unit (2^-f), each built by
//! one function from the float function, plus the exact index rule and an error report.
//!
//! # Sigmoid / tanh ROM
//! - `N = 2^table_log2` entries of 16-bit values in the activation format (`act_frac`), covering the
//!   non-negative half `|x| ∈ [0, R)`, `R = table_range` (a power of two). The negative half comes
//!   from symmetry: `σ(−x) = 1 − σ(x)` (one subtraction from `1 << act_frac`), `tanh(−x) = −tanh(x)`.
//! - Index: with `x` the 16-bit input (activation format) and `u = |x|` (17-bit, so −32768 → 32768),
//!   `shift = act_frac + log2(R) − table_log2` (validated ≥ 0) and `i = min(u >> shift, N − 1)`:
//!   the entry is picked by bits `[shift, shift + table_log2)` of `|x|`; any input at or beyond the
//!   range saturates to the last entry. No interpolation.
//! - Entry `i` covers the codes `u ∈ [i·2^shift, (i+1)·2^shift − 1]`; its value is
//!   `quantize((f(lo) + f(hi)) / 2, act_frac)` with `lo`, `hi` the real values of the first and last
//!   code (the midpoint of a monotone function's range over the bucket, which minimises the max
//!   error). At the default (act_frac 8, R = 8, 2^11 entries) `shift = 0`: one entry per input code,
//!   so the only error is the output's ½ ulp (1/512 ≈ 1.95e-3) and, beyond the range, `1 − σ(8)`.
//!
//! # 2^-f ROM (softmax)
//! `EXP2_ENTRIES = 256` entries `round(2^14 · 2^(−i/256))`, `i = 0..256` (Q1.14; entry 0 is 16384).

use crate::config::{Activation, Config};
use crate::fixed::{quantize, to_real};

/// Fraction bits of the 2^-f ROM values and of the exponentials in the softmax unit (Q1.14).
pub const EXP_FRAC: u32 = 14;
/// Index bits of the 2^-f ROM = fraction bits of the base-2 exponent `t`.
pub const EXP2_INDEX_BITS: u32 = 8;

/// The index shift of the sigmoid/tanh ROM: `act_frac + log2(table_range) − table_log2`.
/// Assumes a validated config (`validate_for_engine` checks the power of two and the sign).
pub fn table_shift(cfg: &Config) -> u32 {
    let f = &cfg.fixed;
    let log2_range = f.table_range.log2().round() as i64;
    (f.act_frac as i64 + log2_range - f.table_log2 as i64).max(0) as u32
}

/// The one table builder: entry `i` = quantised midpoint of `f` over the codes of bucket `i`.
pub fn build_table(f: impl Fn(f64) -> f64, act_frac: u32, table_log2: u32, shift: u32) -> Vec<i32> {
    (0..1u32 << table_log2)
        .map(|i| {
            let lo = to_real((i as i64) << shift, act_frac);
            let hi = to_real((((i as i64) + 1) << shift) - 1, act_frac);
            quantize((f(lo) + f(hi)) / 2.0, act_frac).0
        })
        .collect()
}

fn sigmoid_f(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// ROM contents of the sigmoid unit (non-negative half, activation format).
pub fn sigmoid_table(cfg: &Config) -> Vec<i32> {
    build_table(
        sigmoid_f,
        cfg.fixed.act_frac,
        cfg.fixed.table_log2,
        table_shift(cfg),
    )
}

/// ROM contents of the tanh unit (non-negative half, activation format).
pub fn tanh_table(cfg: &Config) -> Vec<i32> {
    build_table(
        f64::tanh,
        cfg.fixed.act_frac,
        cfg.fixed.table_log2,
        table_shift(cfg),
    )
}

/// ROM contents of the softmax unit's 2^-f table (Q1.14, 256 entries).
pub fn exp2_table() -> Vec<i32> {
    (0..1u32 << EXP2_INDEX_BITS)
        .map(|i| {
            let v = (-(i as f64) / (1u32 << EXP2_INDEX_BITS) as f64).exp2();
            quantize(v, EXP_FRAC).0
        })
        .collect()
}

/// One table's worst error in real units over every 16-bit input, and where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct TableError {
    pub name: &'static str,
    pub entries: usize,
    pub max_error: f64,
    /// The input (real) of the worst error.
    pub at: f64,
    /// The error target the tests hold the default tables to.
    pub target: f64,
}

/// One table as the hardware computes it, sampled at inputs `xs` (real units), beside the float
/// function it approximates. Feeds both the error report and the pictures.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCurve {
    pub name: &'static str,
    pub entries: usize,
    pub xs: Vec<f64>,
    pub table: Vec<f64>,
    pub reference: Vec<f64>,
    /// The error target the tests hold the default tables to.
    pub target: f64,
}

impl TableCurve {
    /// The worst |table − reference| over the samples, and its input.
    pub fn worst(&self) -> (f64, f64) {
        let mut worst = (0.0f64, 0.0f64);
        for ((&x, &t), &r) in self.xs.iter().zip(&self.table).zip(&self.reference) {
            let e = (t - r).abs();
            if e > worst.0 {
                worst = (e, x);
            }
        }
        worst
    }
}

/// Every table of the config over its whole input: sigmoid and tanh at all 65536 16-bit inputs (inside
/// and beyond `table_range`), as the activation unit computes them; the 2^-f ROM at its entries.
pub fn table_curves(cfg: &Config) -> Vec<TableCurve> {
    let t = super::kernels::ActTables::new(cfg);
    let f = cfg.fixed.act_frac;
    let mut out = Vec::new();
    for (name, kind, func, target) in [
        (
            "sigmoid",
            Activation::Sigmoid,
            sigmoid_f as fn(f64) -> f64,
            2e-3,
        ),
        ("tanh", Activation::Tanh, f64::tanh as fn(f64) -> f64, 4e-3),
    ] {
        let codes = i16::MIN as i32..=i16::MAX as i32;
        let xs: Vec<f64> = codes.clone().map(|x| to_real(x as i64, f)).collect();
        out.push(TableCurve {
            name,
            entries: t.sigmoid.len(),
            table: codes
                .map(|x| to_real(super::kernels::act_forward(kind, x, &t) as i64, f))
                .collect(),
            reference: xs.iter().map(|&x| func(x)).collect(),
            xs,
            target,
        });
    }
    let e2 = exp2_table();
    let n = e2.len() as f64;
    // Plotted against the exponent −i/256 (increasing x: entries in reverse).
    let xs: Vec<f64> = (0..e2.len()).rev().map(|i| -(i as f64) / n).collect();
    out.push(TableCurve {
        name: "exp2 (softmax)",
        entries: e2.len(),
        table: (0..e2.len())
            .rev()
            .map(|i| to_real(e2[i] as i64, EXP_FRAC))
            .collect(),
        reference: xs.iter().map(|&x| x.exp2()).collect(),
        xs,
        target: 0.5 / (1u32 << EXP_FRAC) as f64,
    });
    out
}

/// Max |table − f| over all 65536 16-bit inputs (the whole input range, inside and beyond
/// `table_range`), for sigmoid and tanh, as the activation unit computes them; and over the entries
/// of the 2^-f ROM.
pub fn table_errors(cfg: &Config) -> Vec<TableError> {
    table_curves(cfg)
        .iter()
        .map(|c| {
            let (max_error, at) = c.worst();
            TableError {
                name: c.name,
                entries: c.entries,
                max_error,
                at,
                target: c.target,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_tables_meet_their_targets_at_every_input() {
        let cfg = Config::default();
        assert_eq!(table_shift(&cfg), 0);
        for e in table_errors(&cfg) {
            assert!(
                e.max_error <= e.target,
                "{}: max error {} at {} > {}",
                e.name,
                e.max_error,
                e.at,
                e.target
            );
        }
    }

    #[test]
    fn smaller_tables_report_larger_errors_and_stay_monotone() {
        let mut cfg = Config::default();
        cfg.fixed.table_log2 = 8;
        assert_eq!(table_shift(&cfg), 3);
        let errs = table_errors(&cfg);
        // Bucket of 8 codes (1/32): error ≤ max slope · width/2 + ½ ulp = 0.25·(7/256)/2 + 1/512.
        assert!(errs[0].max_error <= 0.25 * 7.0 / 512.0 + 1.0 / 512.0 + 1e-12);
        assert!(errs[0].max_error > 2e-3);
        for t in [sigmoid_table(&cfg), tanh_table(&cfg)] {
            assert!(t.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    #[test]
    fn table_entries_by_hand() {
        let cfg = Config::default();
        let s = sigmoid_table(&cfg);
        let t = tanh_table(&cfg);
        assert_eq!(s.len(), 2048);
        assert_eq!(s[0], 128); // σ(0) = 0.5
        assert_eq!(t[0], 0);
        assert_eq!(s[256], (256.0 * sigmoid_f(1.0)).round() as i32); // σ(1) = 0.731 → 187
        assert_eq!(s[256], 187);
        assert_eq!(*s.last().unwrap(), 256);
        let e = exp2_table();
        assert_eq!(e[0], 16384);
        assert_eq!(e[128], (16384.0 / 2f64.sqrt()).round() as i32);
    }
}
