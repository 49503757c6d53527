//! Layer 2a: the fixed-point number system. Every rounding and saturation rule of the project lives
//! here, once; the golden model and the hardware generators call these functions (the hardware's Rust
//! models and the `hw` tests compare against them).
//!
//! # Values
//! - Operands are 16-bit two's complement, carried as `i32` holding a value in `[-32768, 32767]`.
//!   A format is its number of fraction bits `f`: raw `r` means the real `r · 2^-f`.
//! - Products are exact (`i16 × i16 → i32`). Accumulators are `acc_bits` wide (≤ 32), carried as `i64`,
//!   and saturate after every addition.
//! - Narrowing (accumulator → operand) is `round_shift` by the difference of fraction bits, then
//!   `saturate` to 16 bits. Nothing ever wraps.
//!
//! # Rounding, for a right shift by `s` of `x` (`q = x >> s` arithmetic, `rem = x & (2^s − 1)`):
//! - `Truncate`: `q` (floor; error in [0, 1) ulp towards −∞).
//! - `Nearest`: `q + 1` if `rem > 2^(s−1)`, or `rem == 2^(s−1)` and `q` is odd (ties to even).
//! - `Stochastic`: with `r` = the low `min(s,16)` bits of one LFSR word ([`lfsr::Lfsr`]), `q + 1` if
//!   `rem' > r`, where `rem' = rem` for `s ≤ 16` and `rem >> (s − 16)` otherwise. For `s ≤ 16` this
//!   rounds up with probability exactly `rem / 2^s`. One LFSR step per rounded value.

pub mod lfsr;

use crate::config::Rounding;

/// Width of every operand (weights, activations, errors, momentum).
pub const OPERAND_BITS: u32 = 16;
pub const OPERAND_MIN: i32 = -(1 << 15);
pub const OPERAND_MAX: i32 = (1 << 15) - 1;

/// Smallest value of a `bits`-wide two's-complement number.
pub const fn min_of(bits: u32) -> i64 {
    -(1i64 << (bits - 1))
}

/// Largest value of a `bits`-wide two's-complement number.
pub const fn max_of(bits: u32) -> i64 {
    (1i64 << (bits - 1)) - 1
}

/// Clamp `x` to a `bits`-wide two's-complement range; the flag says whether it clamped.
#[inline]
pub fn saturate(x: i64, bits: u32) -> (i64, bool) {
    let (lo, hi) = (min_of(bits), max_of(bits));
    if x > hi {
        (hi, true)
    } else if x < lo {
        (lo, true)
    } else {
        (x, false)
    }
}

/// Exact product of two 16-bit operands.
#[inline]
pub fn mul(a: i32, b: i32) -> i64 {
    debug_assert!(
        (OPERAND_MIN..=OPERAND_MAX).contains(&a) && (OPERAND_MIN..=OPERAND_MAX).contains(&b)
    );
    a as i64 * b as i64
}

/// Saturating accumulate: `sat_acc_bits(acc + p)`.
#[inline]
pub fn acc_add(acc: i64, p: i64, acc_bits: u32) -> (i64, bool) {
    saturate(acc + p, acc_bits)
}

/// Arithmetic right shift by `s` with the given rounding. `rnd` is one LFSR word (used by
/// `Stochastic` only). Exact for every `i64` input with `s ≤ 62` (no intermediate overflow for the
/// ≤ 48-bit values this project narrows).
#[inline]
pub fn round_shift(x: i64, s: u32, mode: Rounding, rnd: u32) -> i64 {
    if s == 0 {
        return x;
    }
    let q = x >> s;
    let rem = x & ((1i64 << s) - 1);
    let up = match mode {
        Rounding::Truncate => false,
        Rounding::Nearest => {
            let half = 1i64 << (s - 1);
            (rem > half) | ((rem == half) & ((q & 1) == 1))
        }
        Rounding::Stochastic => {
            let (rem_top, rbits) = if s <= 16 {
                (rem, s)
            } else {
                (rem >> (s - 16), 16)
            };
            let r = (rnd as i64) & ((1i64 << rbits) - 1);
            rem_top > r
        }
    };
    q + up as i64
}

/// Narrow a wide value to a 16-bit operand: `saturate16(round_shift(x, s))`. The flag reports
/// saturation.
#[inline]
pub fn narrow(x: i64, s: u32, mode: Rounding, rnd: u32) -> (i32, bool) {
    let (v, sat) = saturate(round_shift(x, s, mode, rnd), OPERAND_BITS);
    (v as i32, sat)
}

/// [`narrow`] of every element of `x` (accumulators of at most 32 bits) into `out`, with `rnd = 0`;
/// returns the number of saturations. Identical results to calling [`narrow`] per element (a test
/// pins that); `Nearest` and `Truncate` run in i32 lanes so the loop vectorises.
pub fn narrow_slice(x: &[i32], s: u32, mode: Rounding, out: &mut [i32]) -> u64 {
    assert_eq!(x.len(), out.len());
    assert!(x.len() <= u32::MAX as usize);
    let (lo, hi) = (OPERAND_MIN, OPERAND_MAX);
    let mut sats = 0u32;
    match mode {
        Rounding::Nearest if (1..=30).contains(&s) => {
            let mask = (1i32 << s) - 1;
            let half = 1i32 << (s - 1);
            for (o, &v) in out.iter_mut().zip(x) {
                let q = v >> s;
                let rem = v & mask;
                let up = (rem > half) | ((rem == half) & (q & 1 == 1));
                let r = q + up as i32;
                let c = r.clamp(lo, hi);
                sats += (c != r) as u32;
                *o = c;
            }
        }
        Rounding::Truncate if s <= 31 => {
            for (o, &v) in out.iter_mut().zip(x) {
                let r = v >> s;
                let c = r.clamp(lo, hi);
                sats += (c != r) as u32;
                *o = c;
            }
        }
        _ => {
            for (o, &v) in out.iter_mut().zip(x) {
                let (c, st) = narrow(v as i64, s, mode, 0);
                sats += st as u32;
                *o = c;
            }
        }
    }
    sats as u64
}

/// Re-align a value from `from` to `to` fraction bits (left shift exactly, or round right), then
/// saturate to 16 bits.
#[inline]
pub fn requantize(x: i64, from: u32, to: u32, mode: Rounding, rnd: u32) -> (i32, bool) {
    if to >= from {
        let (v, sat) = saturate(x << (to - from), OPERAND_BITS);
        (v as i32, sat)
    } else {
        narrow(x, from - to, mode, rnd)
    }
}

/// Quantise a real to a 16-bit operand with `frac` fraction bits: round to nearest (ties away from
/// zero, as `f64::round`), saturate. Used for inputs, initial weights and hyper-parameter registers.
pub fn quantize(x: f64, frac: u32) -> (i32, bool) {
    quantize_bits(x, frac, OPERAND_BITS)
}

/// As [`quantize`], to a `bits`-wide value (hyper-parameter registers may be wider or unsigned-range).
pub fn quantize_bits(x: f64, frac: u32, bits: u32) -> (i32, bool) {
    let scaled = (x * (1u64 << frac) as f64).round();
    if scaled.is_nan() {
        return (0, true);
    }
    let (lo, hi) = (min_of(bits) as f64, max_of(bits) as f64);
    if scaled > hi {
        (hi as i32, true)
    } else if scaled < lo {
        (lo as i32, true)
    } else {
        (scaled as i32, false)
    }
}

/// The real value of raw `r` with `frac` fraction bits.
#[inline]
pub fn to_real(r: i64, frac: u32) -> f64 {
    r as f64 / (1u64 << frac) as f64
}

/// Counts of saturation events, per place, so a user can see when a format is too narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SatCounters {
    /// Accumulator saturations (any GEMM).
    pub acc: u64,
    /// Forward narrowing to activations.
    pub act: u64,
    /// Backward narrowing to errors.
    pub err: u64,
    /// Weight-gradient / momentum narrowing.
    pub mom: u64,
    /// Weight narrowing in the update.
    pub weight: u64,
}

impl SatCounters {
    pub fn total(&self) -> u64 {
        self.acc + self.act + self.err + self.mom + self.weight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_by_hand() {
        use Rounding::*;
        // 2.5 ulp, 3.5 ulp, -2.5 ulp, -2.25 ulp with s = 2 (x/4)
        assert_eq!(round_shift(10, 2, Truncate, 0), 2);
        assert_eq!(round_shift(10, 2, Nearest, 0), 2); // tie → even 2
        assert_eq!(round_shift(14, 2, Nearest, 0), 4); // tie → even 4
        assert_eq!(round_shift(-10, 2, Nearest, 0), -2); // -2.5 → -2
        assert_eq!(round_shift(-9, 2, Nearest, 0), -2); // -2.25 → -2
        assert_eq!(round_shift(-9, 2, Truncate, 0), -3); // floor
        assert_eq!(round_shift(11, 2, Nearest, 0), 3); // 2.75 → 3
                                                       // stochastic: rem = 2 of 4: up iff r ∈ {0, 1}
        assert_eq!(round_shift(10, 2, Stochastic, 0), 3);
        assert_eq!(round_shift(10, 2, Stochastic, 1), 3);
        assert_eq!(round_shift(10, 2, Stochastic, 2), 2);
        assert_eq!(round_shift(10, 2, Stochastic, 0xFFFF_FFFE), 2);
        assert_eq!(round_shift(8, 2, Stochastic, 0), 2); // exact: never up
    }

    #[test]
    fn narrow_slice_equals_narrow() {
        let mut xs: Vec<i32> = vec![i32::MIN, i32::MAX, 0, -1, 1, -32768, 32767, -32769, 32768];
        let mut st = 0x0123_4567_89AB_CDEF_u64;
        for _ in 0..20000 {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            let shift = (st >> 59) as u32; // spread magnitudes
            xs.push((st as i64 as i32) >> shift);
        }
        for mode in [Rounding::Nearest, Rounding::Truncate, Rounding::Stochastic] {
            for s in 0..=32 {
                let mut out = vec![0; xs.len()];
                let sats = narrow_slice(&xs, s, mode, &mut out);
                let mut want_sats = 0;
                for (&x, &o) in xs.iter().zip(&out) {
                    let (w, st) = narrow(x as i64, s, mode, 0);
                    assert_eq!(o, w, "{mode:?} s={s} x={x}");
                    want_sats += st as u64;
                }
                assert_eq!(sats, want_sats);
            }
        }
    }

    #[test]
    fn saturation_and_extremes() {
        assert_eq!(saturate(40000, 16), (32767, true));
        assert_eq!(saturate(-40000, 16), (-32768, true));
        assert_eq!(saturate(-32768, 16), (-32768, false));
        assert_eq!(mul(-32768, -32768), 1 << 30);
        assert_eq!(acc_add(i32::MAX as i64, 1, 32), (i32::MAX as i64, true));
        assert_eq!(narrow(-32768 * 4, 2, Rounding::Nearest, 0), (-32768, false));
        assert_eq!(narrow(-32769 * 4, 2, Rounding::Nearest, 0), (-32768, true));
        assert_eq!(
            requantize(-32768, 8, 12, Rounding::Nearest, 0),
            (-32768, true)
        );
        assert_eq!(requantize(100, 8, 12, Rounding::Nearest, 0), (1600, false));
        assert_eq!(quantize(1.0, 12), (4096, false));
        assert_eq!(quantize(-9.0, 12), (-32768, true));
        assert_eq!(quantize(f64::NAN, 12), (0, true));
    }
}
