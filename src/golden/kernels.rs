//! The element kernels of the golden model: what one hardware unit computes for one element. The
//! `hw` units call these and must equal them bit for bit. All values are raw integers (`i32` holding
//! a 16-bit operand unless said otherwise); every rounding goes through [`crate::fixed`].

use super::tables::{exp2_table, sigmoid_table, table_shift, tanh_table, EXP2_INDEX_BITS};
use crate::config::{Activation, Config, OptimizerKind, Rounding};
use crate::fixed::{
    acc_add, lfsr::Lfsr, max_of, mul, narrow, quantize_bits, requantize, round_shift, saturate,
    OPERAND_BITS, OPERAND_MAX, OPERAND_MIN,
};

// ------------------------------------------------------------------------------------------------
// MAC array
// ------------------------------------------------------------------------------------------------

/// One output element of the MAC array: `acc = 0; for k ascending: acc = sat(acc + a_k·b_k)`.
/// Returns the accumulator (an `acc_bits`-wide value) and the number of saturating additions.
#[inline]
pub fn dot_sat(pairs: impl IntoIterator<Item = (i32, i32)>, acc_bits: u32) -> (i64, u64) {
    let mut acc = 0i64;
    let mut sats = 0;
    for (a, b) in pairs {
        let (v, s) = acc_add(acc, mul(a, b), acc_bits);
        acc = v;
        sats += s as u64;
    }
    (acc, sats)
}

/// `out[i·n + j] = dot_sat(a[i, 0..kk], b[0..kk, j])` for row-major `a` (m×kk) and `b` (kk×n): every
/// element exactly as [`dot_sat`] computes it (ascending k, saturating after each add). The fast
/// path (plain wrapping i32 arithmetic) is taken for a row `i` only when
/// `Σ_k |a_ik| · max|b| ≤ max_of(acc_bits)`, which proves no partial sum of that row can saturate
/// (or leave i32), so it equals the saturating form; other rows run the saturating loop.
/// Saturating additions are added to `sats`.
pub fn gemm(
    a: &[i32],
    b: &[i32],
    m: usize,
    kk: usize,
    n: usize,
    acc_bits: u32,
    sats: &mut u64,
) -> Vec<i32> {
    assert_eq!(b.len(), kk * n);
    gemm_bt(a, &transpose(b, kk, n), m, kk, n, acc_bits, sats)
}

/// [`gemm`] with `b` given transposed: `bt` is n×kk row-major (`bt[j·kk + k] = b[k·n + j]`), the
/// layout in which each output element's operands are contiguous. Same results, element by element.
pub fn gemm_bt(
    a: &[i32],
    bt: &[i32],
    m: usize,
    kk: usize,
    n: usize,
    acc_bits: u32,
    sats: &mut u64,
) -> Vec<i32> {
    assert_eq!(a.len(), m * kk);
    assert_eq!(bt.len(), kk * n);
    let mut out = vec![0i32; m * n];
    let bmax = bt.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0) as i64;
    let lim = max_of(acc_bits);
    // 16-bit copies: the fast path is a dot product of i16 operands (pmaddwd); its wrapping i32
    // sum is exact under the bound checked per row.
    let mut a16 = vec![0i16; a.len()];
    let mut l1s = vec![0i64; m];
    for ((arow, a16row), l1) in a
        .chunks_exact(kk.max(1))
        .zip(a16.chunks_exact_mut(kk.max(1)))
        .zip(l1s.iter_mut())
    {
        let mut s = 0u64;
        for (d, &v) in a16row.iter_mut().zip(arow) {
            *d = v as i16;
            s += v.unsigned_abs() as u64;
        }
        *l1 = s as i64;
    }
    let bt16: Vec<i16> = bt.iter().map(|&v| v as i16).collect();
    for i in 0..m {
        let arow = &a[i * kk..(i + 1) * kk];
        let orow = &mut out[i * n..(i + 1) * n];
        if l1s[i] * bmax <= lim {
            dot16_row_dispatch(&a16[i * kk..(i + 1) * kk], &bt16, orow);
        } else {
            for (j, o) in orow.iter_mut().enumerate() {
                let (acc, s) = dot_sat((0..kk).map(|k| (arow[k], bt[j * kk + k])), acc_bits);
                *o = acc as i32;
                *sats += s;
            }
        }
    }
    out
}

/// `narrow(x, s, mode)` of every accumulator (the array's output narrowing), counting saturations.
/// Same results as calling [`narrow`] per element (via [`crate::fixed::narrow_slice`]).
pub fn narrow_all(acc: &[i32], s: u32, mode: Rounding, sats: &mut u64) -> Vec<i32> {
    let mut out = vec![0i32; acc.len()];
    *sats += crate::fixed::narrow_slice(acc, s, mode, &mut out);
    out
}

/// [`dot16_row`], with 16 products per instruction (AVX2 `vpmaddwd`) when the CPU has AVX2.
#[inline]
fn dot16_row_dispatch(a: &[i16], bt: &[i16], orow: &mut [i32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if a.len() >= 16 && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { dot16_row_avx2(a, bt, orow) };
            return;
        }
    }
    dot16_row(a, bt, orow)
}

/// AVX2 form of [`dot16_row`]: four columns at a time over 16-element chunks; the tail (kk mod 16)
/// is added in scalar. Same wrapping i32 results.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot16_row_avx2(a: &[i16], bt: &[i16], orow: &mut [i32]) {
    use core::arch::x86_64::{
        __m128i, __m256i, _mm256_add_epi32, _mm256_castsi256_si128, _mm256_extracti128_si256,
        _mm256_loadu_si256, _mm256_madd_epi16, _mm256_setzero_si256, _mm_add_epi32,
        _mm_storeu_si128, _mm_unpackhi_epi32, _mm_unpackhi_epi64, _mm_unpacklo_epi32,
        _mm_unpacklo_epi64,
    };
    let kk = a.len();
    let n = orow.len();
    assert!(bt.len() >= n * kk);
    let chunks = kk / 16;
    let fold = |x: __m256i| -> __m128i {
        _mm_add_epi32(_mm256_castsi256_si128(x), _mm256_extracti128_si256::<1>(x))
    };
    let mut j = 0;
    while j + 4 <= n {
        let cols = [
            &bt[j * kk..(j + 1) * kk],
            &bt[(j + 1) * kk..(j + 2) * kk],
            &bt[(j + 2) * kk..(j + 3) * kk],
            &bt[(j + 3) * kk..(j + 4) * kk],
        ];
        let mut res = [0i32; 4];
        let (mut s0, mut s1, mut s2, mut s3) = (
            _mm256_setzero_si256(),
            _mm256_setzero_si256(),
            _mm256_setzero_si256(),
            _mm256_setzero_si256(),
        );
        // Each load reads 16 i16 at offset c·16 with c·16 + 16 ≤ chunks·16 ≤ kk.
        for c in 0..chunks {
            let x = _mm256_loadu_si256(a.as_ptr().add(c * 16) as *const __m256i);
            let l = |col: &[i16]| _mm256_loadu_si256(col.as_ptr().add(c * 16) as *const __m256i);
            s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(x, l(cols[0])));
            s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(x, l(cols[1])));
            s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(x, l(cols[2])));
            s3 = _mm256_add_epi32(s3, _mm256_madd_epi16(x, l(cols[3])));
        }
        let (s0, s1, s2, s3) = (fold(s0), fold(s1), fold(s2), fold(s3));
        let t01 = _mm_add_epi32(_mm_unpacklo_epi32(s0, s1), _mm_unpackhi_epi32(s0, s1));
        let t23 = _mm_add_epi32(_mm_unpacklo_epi32(s2, s3), _mm_unpackhi_epi32(s2, s3));
        let sum = _mm_add_epi32(_mm_unpacklo_epi64(t01, t23), _mm_unpackhi_epi64(t01, t23));
        _mm_storeu_si128(res.as_mut_ptr() as *mut __m128i, sum);
        for (q, col) in cols.iter().enumerate() {
            let mut r = res[q];
            for k in chunks * 16..kk {
                r = r.wrapping_add(a[k] as i32 * col[k] as i32);
            }
            orow[j + q] = r;
        }
        j += 4;
    }
    for (o, col) in orow[j..].iter_mut().zip(bt[j * kk..].chunks_exact(kk)) {
        *o = dot16(a, col);
    }
}

/// `orow[j] = dot16(a, bt[j·kk..(j+1)·kk])` for every j (kk = a.len()); on x86-64 four columns at a
/// time, sharing the loads of `a` and one horizontal reduction.
#[inline(always)]
fn dot16_row(a: &[i16], bt: &[i16], orow: &mut [i32]) {
    let kk = a.len();
    if kk == 0 {
        orow.fill(0);
        return;
    }
    let n = orow.len();
    assert!(bt.len() >= n * kk);
    let mut j = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{
            __m128i, _mm_add_epi32, _mm_loadu_si128, _mm_madd_epi16, _mm_setzero_si128,
            _mm_storeu_si128, _mm_unpackhi_epi32, _mm_unpackhi_epi64, _mm_unpacklo_epi32,
            _mm_unpacklo_epi64,
        };
        let chunks = kk / 8;
        while j + 4 <= n {
            let cols = [
                &bt[j * kk..(j + 1) * kk],
                &bt[(j + 1) * kk..(j + 2) * kk],
                &bt[(j + 2) * kk..(j + 3) * kk],
                &bt[(j + 3) * kk..(j + 4) * kk],
            ];
            let mut res = [0i32; 4];
            // SAFETY: SSE2 is part of the x86-64 baseline; each load reads 8 i16 at offset c·8 with
            // c·8 + 8 ≤ chunks·8 ≤ kk = len of `a` and of every column; loadu/storeu need no
            // alignment; `res` holds exactly 4 i32.
            unsafe {
                let (mut s0, mut s1, mut s2, mut s3) = (
                    _mm_setzero_si128(),
                    _mm_setzero_si128(),
                    _mm_setzero_si128(),
                    _mm_setzero_si128(),
                );
                for c in 0..chunks {
                    let x = _mm_loadu_si128(a.as_ptr().add(c * 8) as *const __m128i);
                    let l =
                        |col: &[i16]| _mm_loadu_si128(col.as_ptr().add(c * 8) as *const __m128i);
                    s0 = _mm_add_epi32(s0, _mm_madd_epi16(x, l(cols[0])));
                    s1 = _mm_add_epi32(s1, _mm_madd_epi16(x, l(cols[1])));
                    s2 = _mm_add_epi32(s2, _mm_madd_epi16(x, l(cols[2])));
                    s3 = _mm_add_epi32(s3, _mm_madd_epi16(x, l(cols[3])));
                }
                let t01 = _mm_add_epi32(_mm_unpacklo_epi32(s0, s1), _mm_unpackhi_epi32(s0, s1));
                let t23 = _mm_add_epi32(_mm_unpacklo_epi32(s2, s3), _mm_unpackhi_epi32(s2, s3));
                let sum = _mm_add_epi32(_mm_unpacklo_epi64(t01, t23), _mm_unpackhi_epi64(t01, t23));
                _mm_storeu_si128(res.as_mut_ptr() as *mut __m128i, sum);
            }
            for (q, col) in cols.iter().enumerate() {
                let mut r = res[q];
                for k in chunks * 8..kk {
                    r = r.wrapping_add(a[k] as i32 * col[k] as i32);
                }
                orow[j + q] = r;
            }
            j += 4;
        }
    }
    for (o, col) in orow[j..].iter_mut().zip(bt[j * kk..].chunks_exact(kk)) {
        *o = dot16(a, col);
    }
}

/// Wrapping i32 dot product of two i16 slices (exact whenever Σ|a_k·b_k| < 2^31, which is how
/// [`gemm`] uses it). On x86-64 it runs 8 products per `pmaddwd` (SSE2, always present there).
#[inline]
fn dot16(a: &[i16], b: &[i16]) -> i32 {
    let n = a.len().min(b.len());
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{
            __m128i, _mm_add_epi32, _mm_cvtsi128_si32, _mm_loadu_si128, _mm_madd_epi16,
            _mm_setzero_si128, _mm_shuffle_epi32,
        };
        let chunks = n / 8;
        // SAFETY: SSE2 is part of the x86-64 baseline; every load reads 8 i16 inside a[..n] / b[..n]
        // (c·8 + 8 ≤ chunks·8 ≤ n), and loadu has no alignment requirement.
        let mut r = unsafe {
            let mut acc = _mm_setzero_si128();
            for c in 0..chunks {
                let x = _mm_loadu_si128(a.as_ptr().add(c * 8) as *const __m128i);
                let y = _mm_loadu_si128(b.as_ptr().add(c * 8) as *const __m128i);
                acc = _mm_add_epi32(acc, _mm_madd_epi16(x, y));
            }
            let s = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0b01_00_11_10));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0b10_11_00_01));
            _mm_cvtsi128_si32(s)
        };
        for k in chunks * 8..n {
            r = r.wrapping_add(a[k] as i32 * b[k] as i32);
        }
        r
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        a[..n]
            .iter()
            .zip(&b[..n])
            .fold(0i32, |s, (&x, &y)| s.wrapping_add(x as i32 * y as i32))
    }
}

/// Transpose a row-major `rows × cols` matrix.
pub fn transpose(x: &[i32], rows: usize, cols: usize) -> Vec<i32> {
    let mut t = vec![0; x.len()];
    for r in 0..rows {
        for c in 0..cols {
            t[c * rows + r] = x[r * cols + c];
        }
    }
    t
}

// ------------------------------------------------------------------------------------------------
// Activation unit
// ------------------------------------------------------------------------------------------------

/// Fraction bits of the activation derivative `f′` inside the activation unit (Q1.14: σ′ ≤ ¼,
/// tanh′ ≤ 1 and the ReLU slopes fit).
pub const DERIV_FRAC: u32 = 14;

/// Everything the activation unit needs: its ROMs and formats.
#[derive(Debug, Clone, PartialEq)]
pub struct ActTables {
    pub act_frac: u32,
    pub err_frac: u32,
    /// Right shift of |x| that gives the ROM index.
    pub index_shift: u32,
    /// Leaky ReLU: slope = 2^-leaky_shift (forward and derivative are arithmetic right shifts).
    pub leaky_shift: u32,
    /// Rounding of every narrowing in the unit (`fixed.rounding`).
    pub rounding: Rounding,
    /// Sigmoid ROM, |x| ∈ [0, table_range), activation format.
    pub sigmoid: Vec<i32>,
    /// Tanh ROM, |x| ∈ [0, table_range), activation format.
    pub tanh: Vec<i32>,
}

impl ActTables {
    pub fn new(cfg: &Config) -> ActTables {
        let s = -cfg.model.leaky_slope.log2();
        ActTables {
            act_frac: cfg.fixed.act_frac,
            err_frac: cfg.fixed.err_frac,
            index_shift: table_shift(cfg),
            leaky_shift: if s.is_finite() {
                s.round().clamp(1.0, 15.0) as u32
            } else {
                4
            },
            rounding: cfg.fixed.rounding,
            sigmoid: sigmoid_table(cfg),
            tanh: tanh_table(cfg),
        }
    }

    /// ROM index of a 16-bit input: `min(|x| >> index_shift, N − 1)`.
    #[inline]
    pub fn index(&self, x: i32) -> usize {
        let u = (x as i64).unsigned_abs() >> self.index_shift;
        (u as usize).min(self.sigmoid.len() - 1)
    }
}

/// Forward activation of one 16-bit pre-activation `x` (activation format) → `a` (activation
/// format). ReLU: `max(x, 0)`; leaky: `x > 0 ? x : round_shift(x, leaky_shift)`; sigmoid:
/// `x ≥ 0 ? S[i] : (1 << act_frac) − S[i]`; tanh: `x ≥ 0 ? T[i] : −T[i]` (i = [`ActTables::index`]).
#[inline]
pub fn act_forward(kind: Activation, x: i32, t: &ActTables) -> i32 {
    match kind {
        Activation::Relu => x.max(0),
        Activation::LeakyRelu => {
            if x > 0 {
                x
            } else {
                round_shift(x as i64, t.leaky_shift, t.rounding, 0) as i32
            }
        }
        Activation::Sigmoid => {
            let v = t.sigmoid[t.index(x)];
            if x >= 0 {
                v
            } else {
                (1 << t.act_frac) - v
            }
        }
        Activation::Tanh => {
            let v = t.tanh[t.index(x)];
            if x >= 0 {
                v
            } else {
                -v
            }
        }
    }
}

/// `δ = dA ⊙ f′`, from the stored output `a` (activation format) and `dA` (error format) → δ
/// (error format), and whether a narrowing saturated.
/// - ReLU: `a > 0 ? dA : 0`; leaky: `a > 0 ? dA : round_shift(dA, leaky_shift)` (exact masks/shifts).
/// - sigmoid: `f′ = requantize(a · sat16((1 << act) − a), 2·act → 14)`, tanh:
///   `f′ = requantize((1 << 2·act) − a·a, 2·act → 14)` (one narrowing to Q1.14, saturating), then
///   `δ = narrow(dA · f′, 14)` (the second narrowing).
#[inline]
pub fn act_derivative(kind: Activation, a: i32, da: i32, t: &ActTables) -> (i32, bool) {
    let af = t.act_frac;
    let fprime = match kind {
        Activation::Relu => return (if a > 0 { da } else { 0 }, false),
        Activation::LeakyRelu => {
            let d = if a > 0 {
                da
            } else {
                round_shift(da as i64, t.leaky_shift, t.rounding, 0) as i32
            };
            return (d, false);
        }
        Activation::Sigmoid => {
            let one_minus = saturate((1i64 << af) - a as i64, OPERAND_BITS).0 as i32;
            mul(a, one_minus)
        }
        Activation::Tanh => (1i64 << (2 * af)) - mul(a, a),
    };
    let (fp, s1) = requantize(fprime, 2 * af, DERIV_FRAC, t.rounding, 0);
    let (d, s2) = narrow(mul(da, fp), DERIV_FRAC, t.rounding, 0);
    (d, s1 || s2)
}

// ------------------------------------------------------------------------------------------------
// Loss-gradient unit
// ------------------------------------------------------------------------------------------------

/// `log2(e)` in Q1.14 (23637).
pub const LOG2E_Q14: i32 = 23637;
/// Fraction bits of the softmax probabilities `s` and of `s − y` (Q1.14).
pub const PROB_FRAC: u32 = 14;
/// The reciprocal `r = ⌊2^RECIP_BITS / S⌋` (S = Σ exp in Q1.14 ≥ 2^14, so r ≤ 2^14 fits 16 bits).
pub const RECIP_BITS: u32 = 28;

/// The output unit's formats and ROM.
#[derive(Debug, Clone, PartialEq)]
pub struct LossUnit {
    pub act_frac: u32,
    pub err_frac: u32,
    pub rounding: Rounding,
    /// 2^-f ROM (Q1.14, 256 entries).
    pub exp2: Vec<i32>,
}

impl LossUnit {
    pub fn new(cfg: &Config) -> LossUnit {
        LossUnit {
            act_frac: cfg.fixed.act_frac,
            err_frac: cfg.fixed.err_frac,
            rounding: cfg.fixed.rounding,
            exp2: exp2_table(),
        }
    }
}

/// The `1/B` register: `(round(2^f / B), f)` with `f = 14 + ⌈log2 B⌉`, so the value lies in
/// (2^13, 2^14] and is exactly 2^14 (a pure shift) when B is a power of two.
pub fn inv_batch(batch: usize) -> (i32, u32) {
    let b = batch.max(1) as u64;
    let c = 64 - (b - 1).leading_zeros(); // ⌈log2 b⌉
    let f = 14 + c;
    ((((1u64 << f) + b / 2) / b) as i32, f)
}

/// `E = 2^-t` for one logit's distance `u = max − z ≥ 0` (activation format), Q1.14:
/// `t = min(round_nearest(u · LOG2E_Q14 >> (act_frac + 6)), 32767)` (8 fraction bits),
/// `E = n ≥ 15 ? 0 : EXP2[t & 255] >> n` with `n = t >> 8` (truncating shift).
#[inline]
pub fn exp_neg(u: i64, act_frac: u32, exp2: &[i32]) -> i32 {
    let u = u.clamp(0, OPERAND_MAX as i64) as i32;
    let t = round_shift(
        mul(u, LOG2E_Q14),
        act_frac + 14 - EXP2_INDEX_BITS,
        Rounding::Nearest,
        0,
    )
    .min(OPERAND_MAX as i64);
    let n = t >> EXP2_INDEX_BITS;
    let f = (t & ((1 << EXP2_INDEX_BITS) - 1)) as usize;
    if n >= 15 {
        0
    } else {
        exp2[f] >> n
    }
}

/// Softmax of one sample's logits (activation format) → probabilities in Q1.14.
/// `m = max z` (the first maximum); `E_j = exp_neg(m − z_j)`; `S = Σ_j E_j` (ascending j, ≥ 2^14);
/// `r = ⌊2^28 / S⌋` (one exact sequential division per sample); `s_j = narrow(E_j · r, 14)`.
pub fn softmax_probs(logits: &[i32], u: &LossUnit) -> Vec<i32> {
    let mut s = vec![0; logits.len()];
    softmax_probs_into(logits, u, &mut s);
    s
}

/// [`softmax_probs`] into `out` (same length as `logits`).
pub fn softmax_probs_into(logits: &[i32], u: &LossUnit, out: &mut [i32]) {
    assert_eq!(logits.len(), out.len());
    let m = logits.iter().copied().max().unwrap_or(0) as i64;
    let mut sum = 0i64;
    for (o, &z) in out.iter_mut().zip(logits) {
        *o = exp_neg(m - z as i64, u.act_frac, &u.exp2);
        sum += *o as i64;
    }
    let r = ((1i64 << RECIP_BITS) / sum.max(1)) as i32;
    for o in out.iter_mut() {
        *o = narrow(mul(*o, r), RECIP_BITS - PROB_FRAC, u.rounding, 0).0;
    }
}

/// Cross-entropy gradient w.r.t. the logits of one sample: `e_j = (s_j − y_j) / B` in error format.
/// `d_j = s_j − (j == label) · 2^14` (Q1.14, exact), `e_j = narrow(d_j · invB, 14 + f_B − err_frac)`
/// with `(invB, f_B) = inv_batch(B)`. Returns the errors and the number of saturations.
pub fn softmax_ce_grad(
    logits: &[i32],
    label: usize,
    batch: usize,
    u: &LossUnit,
) -> (Vec<i32>, u64) {
    let mut e = vec![0; logits.len()];
    let sats = softmax_ce_grad_into(logits, label, batch, u, &mut e);
    (e, sats)
}

/// [`softmax_ce_grad`] into `out` (same length as `logits`); returns the number of saturations.
pub fn softmax_ce_grad_into(
    logits: &[i32],
    label: usize,
    batch: usize,
    u: &LossUnit,
    out: &mut [i32],
) -> u64 {
    softmax_probs_into(logits, u, out);
    let (ib, fb) = inv_batch(batch);
    let mut sats = 0;
    for (j, o) in out.iter_mut().enumerate() {
        let d = *o - if j == label { 1 << PROB_FRAC } else { 0 };
        let (v, sat) = requantize(mul(d, ib), PROB_FRAC + fb, u.err_frac, u.rounding, 0);
        sats += sat as u64;
        *o = v;
    }
    sats
}

/// MSE gradient of one sample (identity output): `d_j = sat16(a_j − (j == label)·2^act)`,
/// `e_j = requantize(d_j · invB, act + f_B → err_frac)`.
pub fn mse_grad(outputs: &[i32], label: usize, batch: usize, u: &LossUnit) -> (Vec<i32>, u64) {
    let (ib, fb) = inv_batch(batch);
    let mut sats = 0;
    let e = outputs
        .iter()
        .enumerate()
        .map(|(j, &a)| {
            let y = if j == label { 1i64 << u.act_frac } else { 0 };
            let (d, s1) = saturate(a as i64 - y, OPERAND_BITS);
            let (v, s2) = requantize(
                mul(d as i32, ib),
                u.act_frac + fb,
                u.err_frac,
                u.rounding,
                0,
            );
            sats += (s1 || s2) as u64;
            v
        })
        .collect();
    (e, sats)
}

/// Index of the largest logit, the lowest index on ties.
pub fn argmax(z: &[i32]) -> usize {
    let mut best = 0;
    for j in 1..z.len() {
        if z[j] > z[best] {
            best = j;
        }
    }
    best
}

/// Host-side figure (not computed by the hardware): the cross-entropy of one sample from its integer
/// logits, in f64, `logsumexp(z) − z_label` with `z` the real logits.
pub fn ce_loss_f64(logits: &[i32], label: usize, act_frac: u32) -> f64 {
    let scale = 1.0 / (1u64 << act_frac) as f64;
    let m = logits.iter().copied().max().unwrap_or(0);
    let sum: f64 = logits.iter().map(|&v| ((v - m) as f64 * scale).exp()).sum();
    // logsumexp(z) − z_label with z = raw·2^-act (differences of raw values are exact).
    sum.ln() - (logits[label] - m) as f64 * scale
}

/// Host-side figure: `½ Σ_j (a_j − y_j)²` of one sample, in f64.
pub fn mse_loss_f64(outputs: &[i32], label: usize, act_frac: u32) -> f64 {
    outputs
        .iter()
        .enumerate()
        .map(|(j, &a)| {
            let d = crate::fixed::to_real(a as i64, act_frac) - if j == label { 1.0 } else { 0.0 };
            0.5 * d * d
        })
        .sum()
}

// ------------------------------------------------------------------------------------------------
// Update unit
// ------------------------------------------------------------------------------------------------

/// The update unit's registers for one step (16-bit values with fixed formats) and formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateRegs {
    /// η = quantize(lr_at(step), eta_frac).
    pub eta: i32,
    /// μ = quantize(momentum, mu_frac) (0 for plain SGD).
    pub mu: i32,
    /// Coefficient of g: `None` = exactly 1 (heavy ball, SGD); `Some(quantize(1 − μ, mu_frac))` (EMA).
    pub g_coef: Option<i32>,
    /// Weight-decay register: quantize(2λ, decay_frac), or quantize((1 − μ)·2λ, decay_frac) for EMA,
    /// with `decay_frac = mu_frac + mom_frac − weight_frac` (so wd·w lands on the velocity sum's
    /// fraction without a shift).
    pub wd: i32,
    pub eta_frac: u32,
    pub mu_frac: u32,
    pub decay_frac: u32,
    pub weight_frac: u32,
    pub mom_frac: u32,
    /// Rounding of the velocity narrowing (`fixed.rounding`).
    pub rounding: Rounding,
    /// Rounding of Δ = η·v (`fixed.update_rounding`; the only stochastic one).
    pub update_rounding: Rounding,
}

impl UpdateRegs {
    /// The registers for a step at learning rate `lr`.
    pub fn new(cfg: &Config, lr: f64) -> UpdateRegs {
        let f = &cfg.fixed;
        let q = |x: f64, frac: u32| quantize_bits(x, frac, OPERAND_BITS).0;
        let decay_frac = (f.mu_frac + f.mom_frac).saturating_sub(f.weight_frac);
        let (mu, g_coef, wd) = match cfg.optimizer.kind {
            OptimizerKind::MomentumEma => {
                let m = cfg.optimizer.momentum;
                (
                    q(m, f.mu_frac),
                    Some(q(1.0 - m, f.mu_frac)),
                    q((1.0 - m) * 2.0 * cfg.train.weight_decay, decay_frac),
                )
            }
            OptimizerKind::Sgd => (0, None, q(2.0 * cfg.train.weight_decay, decay_frac)),
            _ => (
                q(cfg.optimizer.momentum, f.mu_frac),
                None,
                q(2.0 * cfg.train.weight_decay, decay_frac),
            ),
        };
        UpdateRegs {
            eta: q(lr, f.eta_frac),
            mu,
            g_coef,
            wd,
            eta_frac: f.eta_frac,
            mu_frac: f.mu_frac,
            decay_frac,
            weight_frac: f.weight_frac,
            mom_frac: f.mom_frac,
            rounding: f.rounding,
            update_rounding: f.update_rounding,
        }
    }

    /// The fraction of the velocity sum: `mu_frac + mom_frac`.
    pub fn v_frac(&self) -> u32 {
        self.mu_frac + self.mom_frac
    }
}

/// Which narrowings of one update saturated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateSat {
    /// v′ narrowing.
    pub mom: bool,
    /// Δ narrowing or `w − Δ`.
    pub weight: bool,
}

/// One weight's update (one per cycle in hardware). Every intermediate is a 32-bit value; the
/// velocity sum is a 32-bit saturating accumulator at fraction `F = mu_frac + mom_frac`, added in
/// this order:
/// ```text
/// V  = sat32(sat32(μ·v + T_g) + T_d)      T_g = g·2^mu_frac (heavy ball, SGD)  or  (1−μ)·g (EMA)
///                                         T_d = wd·w (0 for the bias row)
/// v′ = narrow(V, mu_frac, rounding)                                    (velocity, mom format)
/// Δ  = requantize(η·v′, eta + mom → weight, update_rounding, rnd)      (rnd = lfsr.next_word() iff stochastic)
/// w′ = sat16(w − Δ)
/// ```
/// Every product is exact and ≤ 2^30 in magnitude (|g|·2^15 too). The LFSR advances exactly once
/// per call when `update_rounding` is stochastic, and never otherwise. Saturation of the V sum or of
/// v′ counts as `mom`, of Δ or w′ as `weight`.
#[inline]
pub fn update_weight(
    w: i32,
    v: i32,
    g: i32,
    regs: &UpdateRegs,
    is_bias: bool,
    lfsr: &mut Lfsr,
) -> (i32, i32, UpdateSat) {
    let rnd = if regs.update_rounding == Rounding::Stochastic {
        lfsr.next_word()
    } else {
        0
    };
    update_weight_word(
        w,
        v,
        g,
        regs,
        is_bias,
        rnd,
        regs.rounding,
        regs.update_rounding,
    )
}

/// [`update_weight`] with its LFSR word `rnd` already drawn (ignored unless `update_rounding` is
/// stochastic) and the two rounding modes as arguments, so a caller passing constants gets a
/// specialised copy (the modes must equal the registers').
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn update_weight_word(
    w: i32,
    v: i32,
    g: i32,
    regs: &UpdateRegs,
    is_bias: bool,
    rnd: u32,
    rounding: Rounding,
    update_rounding: Rounding,
) -> (i32, i32, UpdateSat) {
    let t_g = match regs.g_coef {
        None => (g as i64) << regs.mu_frac,
        Some(c) => mul(c, g),
    };
    let (sum, s1) = acc_add(mul(regs.mu, v), t_g, 32);
    let t_d = if is_bias { 0 } else { mul(regs.wd, w) };
    let (sum, s2) = acc_add(sum, t_d, 32);
    let (v2, s3) = narrow(sum, regs.mu_frac, rounding, 0);
    let sv = s1 | s2 | s3;
    let (d, sd) = requantize(
        mul(regs.eta, v2),
        regs.eta_frac + regs.mom_frac,
        regs.weight_frac,
        update_rounding,
        rnd,
    );
    let (w2, sw) = saturate(w as i64 - d as i64, OPERAND_BITS);
    (
        w2 as i32,
        v2,
        UpdateSat {
            mom: sv,
            weight: sd || sw,
        },
    )
}

/// A whole layer through the update unit: [`update_weight`] for the flat indices `order` of W_aug
/// (see [`update_order`]), in that order; index ≥ `bias_start` is the bias row. Returns the number
/// of velocity and weight saturations.
///
/// Equivalent formulation used for speed: the LFSR words are drawn first, in `order`, and given to
/// the weight at each position; then every weight is updated independently (no other state flows
/// between weights), so the loop runs in memory order and vectorises (with AVX2 when present).
pub fn update_layer(
    w: &mut [i32],
    v: &mut [i32],
    g: &[i32],
    order: &[u32],
    bias_start: usize,
    regs: &UpdateRegs,
    lfsr: &mut Lfsr,
) -> (u64, u64) {
    let n = w.len();
    assert!(v.len() == n && g.len() == n && order.len() == n && bias_start <= n);
    let mut rnd = vec![0u32; n];
    if regs.update_rounding == Rounding::Stochastic {
        for &i in order {
            rnd[i as usize] = lfsr.next_word();
        }
    }
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            return unsafe { update_rows_avx2(w, v, g, &rnd, bias_start, regs) };
        }
    }
    update_rows(w, v, g, &rnd, bias_start, regs)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn update_rows_avx2(
    w: &mut [i32],
    v: &mut [i32],
    g: &[i32],
    rnd: &[u32],
    bias_start: usize,
    regs: &UpdateRegs,
) -> (u64, u64) {
    update_rows(w, v, g, rnd, bias_start, regs)
}

/// The update of every weight with its LFSR word `rnd[i]` (memory order), dispatching the rounding
/// modes to constants so the inner loops are branch-free.
#[inline(always)]
fn update_rows(
    w: &mut [i32],
    v: &mut [i32],
    g: &[i32],
    rnd: &[u32],
    bias_start: usize,
    regs: &UpdateRegs,
) -> (u64, u64) {
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn go(
        w: &mut [i32],
        v: &mut [i32],
        g: &[i32],
        rnd: &[u32],
        bias_start: usize,
        regs: &UpdateRegs,
        rm: Rounding,
        um: Rounding,
    ) -> (u64, u64) {
        let (mut sm, mut sw) = (0u32, 0u32);
        let (wb, wr) = w.split_at_mut(bias_start);
        let (vb, vr) = v.split_at_mut(bias_start);
        for (part, ws, vs, off) in [(false, wb, vb, 0usize), (true, wr, vr, bias_start)] {
            let gs = &g[off..off + ws.len()];
            let rs = &rnd[off..off + ws.len()];
            for (((wi, vi), &gi), &ri) in ws.iter_mut().zip(vs.iter_mut()).zip(gs).zip(rs) {
                let (w2, v2, s) = update_weight_word(*wi, *vi, gi, regs, part, ri, rm, um);
                *wi = w2;
                *vi = v2;
                sm += s.mom as u32;
                sw += s.weight as u32;
            }
        }
        (sm as u64, sw as u64)
    }
    use Rounding::*;
    match (regs.rounding, regs.update_rounding) {
        (Nearest, Stochastic) => go(w, v, g, rnd, bias_start, regs, Nearest, Stochastic),
        (Nearest, Nearest) => go(w, v, g, rnd, bias_start, regs, Nearest, Nearest),
        (Truncate, Stochastic) => go(w, v, g, rnd, bias_start, regs, Truncate, Stochastic),
        (rm, um) => go(w, v, g, rnd, bias_start, regs, rm, um),
    }
}

/// The order in which the update unit receives a layer's dW_aug (`n_rows = n_in + 1` rows,
/// `n_cols = n_out` columns) from an R×C output-stationary array, and so the LFSR consumption order:
/// tiles row-major (row tiles over the rows, then column tiles), each tile row-major, padding
/// positions skipped. (Layers are drained last to first.)
pub fn update_order(
    n_rows: usize,
    n_cols: usize,
    r: usize,
    c: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let (r, c) = (r.max(1), c.max(1));
    (0..n_rows.div_ceil(r)).flat_map(move |ti| {
        (0..n_cols.div_ceil(c)).flat_map(move |tj| {
            (ti * r..((ti + 1) * r).min(n_rows))
                .flat_map(move |k| (tj * c..((tj + 1) * c).min(n_cols)).map(move |j| (k, j)))
        })
    })
}

/// The full 16-bit operand range, for tests.
pub const OPERANDS: std::ops::RangeInclusive<i32> = OPERAND_MIN..=OPERAND_MAX;
