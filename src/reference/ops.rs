//! The numerical kernels of the float reference, on contiguous row-major slices.
//!
//! Shapes: a batch of `bsz` rows. `X` is `bsz × n_in`, `W` is `n_in × n_out` row-major
//! (`w[k * n_out + j]` connects input k to output j, as in [`super::init`]), `Y` is `bsz × n_out`.
//!
//! - linear: `Y = XW + b`; backward `dX = dY·Wᵀ`, `dW = Xᵀ·dY`, `db = Σ_batch dY`.
//! - activations act element-wise; their derivatives are taken at the pre-activation `z` (and the
//!   cached output `a = f(z)` where cheaper). ReLU′(0) = 0 and leaky-ReLU′(0) = slope.
//! - softmax: `s = exp(z − max z) / Σ exp(z − max z)` per row; Jacobian `diag(s) − s·sᵀ`.
//! - cross-entropy (on logits, via log-sum-exp): `L = −(1/B) Σ_b log s_{b, y_b}`; fused gradient
//!   w.r.t. the logits `(s − onehot(y)) / B`.
//! - MSE (on an identity output): `L = (1/B) Σ_b ½ Σ_j (a_bj − onehot(y_b)_j)²`; gradient
//!   `(a − onehot(y)) / B`.

use crate::config::Activation;
use num_traits::Float;

/// `T::from(x)` for constants (every `Float` we use represents every f64 approximately).
#[inline]
pub fn c<T: Float>(x: f64) -> T {
    T::from(x).expect("Float converts from f64")
}

/// `y[b, :] = x[b, :] · W + bias` for each of the `bsz` rows (overwrites `y`).
pub fn linear_forward<T: Float>(
    x: &[T],
    w: &[T],
    bias: &[T],
    y: &mut [T],
    bsz: usize,
    n_in: usize,
    n_out: usize,
) {
    debug_assert_eq!(x.len(), bsz * n_in);
    debug_assert_eq!(w.len(), n_in * n_out);
    debug_assert_eq!(y.len(), bsz * n_out);
    for (xr, yr) in x.chunks_exact(n_in).zip(y.chunks_exact_mut(n_out)) {
        yr.copy_from_slice(bias);
        for (&xk, wr) in xr.iter().zip(w.chunks_exact(n_out)) {
            if xk == T::zero() {
                continue; // ReLU outputs and blank pixels: a third to a half of all inputs
            }
            for (yj, &wkj) in yr.iter_mut().zip(wr) {
                *yj = *yj + xk * wkj;
            }
        }
    }
}

/// `dx[b, k] = Σ_j dy[b, j] · W[k, j]` (overwrites `dx`).
pub fn linear_backward_input<T: Float>(dy: &[T], w: &[T], dx: &mut [T], n_in: usize, n_out: usize) {
    for (dyr, dxr) in dy.chunks_exact(n_out).zip(dx.chunks_exact_mut(n_in)) {
        for (dxk, wr) in dxr.iter_mut().zip(w.chunks_exact(n_out)) {
            let mut s = T::zero();
            for (&g, &wkj) in dyr.iter().zip(wr) {
                s = s + g * wkj;
            }
            *dxk = s;
        }
    }
}

/// `dw = Xᵀ·dY` and `db = Σ_batch dY` (overwrite `dw`, `db`).
pub fn linear_backward_params<T: Float>(
    x: &[T],
    dy: &[T],
    dw: &mut [T],
    db: &mut [T],
    n_in: usize,
    n_out: usize,
) {
    dw.iter_mut().for_each(|v| *v = T::zero());
    db.iter_mut().for_each(|v| *v = T::zero());
    for (xr, dyr) in x.chunks_exact(n_in).zip(dy.chunks_exact(n_out)) {
        for (dbj, &g) in db.iter_mut().zip(dyr) {
            *dbj = *dbj + g;
        }
        for (&xk, dwr) in xr.iter().zip(dw.chunks_exact_mut(n_out)) {
            if xk == T::zero() {
                continue;
            }
            for (d, &g) in dwr.iter_mut().zip(dyr) {
                *d = *d + xk * g;
            }
        }
    }
}

/// `f(z)` for a hidden activation; `slope` is the leaky-ReLU slope for negative inputs.
#[inline]
pub fn activate<T: Float>(act: Activation, z: T, slope: T) -> T {
    match act {
        Activation::Sigmoid => sigmoid(z),
        Activation::Tanh => z.tanh(),
        Activation::Relu => z.max(T::zero()),
        Activation::LeakyRelu => {
            if z > T::zero() {
                z
            } else {
                slope * z
            }
        }
    }
}

/// `f′(z)`, given `z` and `a = f(z)`.
#[inline]
pub fn derivative<T: Float>(act: Activation, z: T, a: T, slope: T) -> T {
    match act {
        Activation::Sigmoid => a * (T::one() - a),
        Activation::Tanh => T::one() - a * a,
        Activation::Relu => {
            if z > T::zero() {
                T::one()
            } else {
                T::zero()
            }
        }
        Activation::LeakyRelu => {
            if z > T::zero() {
                T::one()
            } else {
                slope
            }
        }
    }
}

/// The logistic function, evaluated without overflow for large |z|.
#[inline]
pub fn sigmoid<T: Float>(z: T) -> T {
    if z >= T::zero() {
        T::one() / (T::one() + (-z).exp())
    } else {
        let e = z.exp();
        e / (T::one() + e)
    }
}

/// Row-wise softmax of `z` (rows of `k`) into `s`.
pub fn softmax_rows<T: Float>(z: &[T], s: &mut [T], k: usize) {
    for (zr, sr) in z.chunks_exact(k).zip(s.chunks_exact_mut(k)) {
        let m = zr.iter().copied().fold(T::neg_infinity(), T::max);
        let mut sum = T::zero();
        for (sj, &zj) in sr.iter_mut().zip(zr) {
            *sj = (zj - m).exp();
            sum = sum + *sj;
        }
        let inv = T::one() / sum;
        sr.iter_mut().for_each(|v| *v = *v * inv);
    }
}

/// The softmax Jacobian `∂s_i/∂z_j = s_i(δ_ij − s_j)`, `k × k` row-major.
pub fn softmax_jacobian<T: Float>(s: &[T]) -> Vec<T> {
    let k = s.len();
    let mut j = vec![T::zero(); k * k];
    for a in 0..k {
        for b in 0..k {
            let d = if a == b { s[a] } else { T::zero() };
            j[a * k + b] = d - s[a] * s[b];
        }
    }
    j
}

/// Mean cross-entropy of the logits `z` (rows of `k`) against `labels`, by log-sum-exp.
pub fn cross_entropy<T: Float>(z: &[T], labels: &[u8], k: usize) -> T {
    let mut total = T::zero();
    for (zr, &y) in z.chunks_exact(k).zip(labels) {
        let m = zr.iter().copied().fold(T::neg_infinity(), T::max);
        let lse = zr
            .iter()
            .fold(T::zero(), |acc, &v| acc + (v - m).exp())
            .ln()
            + m;
        total = total + lse - zr[y as usize];
    }
    total / c(labels.len() as f64)
}

/// Fused softmax + cross-entropy gradient w.r.t. the logits: `dz = (s − onehot(y)) / B`.
pub fn softmax_ce_grad<T: Float>(s: &[T], labels: &[u8], dz: &mut [T], k: usize) {
    let inv_b = T::one() / c(labels.len() as f64);
    for ((sr, dr), &y) in s.chunks_exact(k).zip(dz.chunks_exact_mut(k)).zip(labels) {
        for (j, (d, &sj)) in dr.iter_mut().zip(sr).enumerate() {
            let t = if j == y as usize { T::one() } else { T::zero() };
            *d = (sj - t) * inv_b;
        }
    }
}

/// Mean over the batch of `½ Σ_j (a_j − onehot(y)_j)²`.
pub fn mse<T: Float>(a: &[T], labels: &[u8], k: usize) -> T {
    let mut total = T::zero();
    for (ar, &y) in a.chunks_exact(k).zip(labels) {
        for (j, &aj) in ar.iter().enumerate() {
            let t = if j == y as usize { T::one() } else { T::zero() };
            total = total + (aj - t) * (aj - t);
        }
    }
    c::<T>(0.5) * total / c(labels.len() as f64)
}

/// Gradient of [`mse`] w.r.t. the output: `(a − onehot(y)) / B`.
pub fn mse_grad<T: Float>(a: &[T], labels: &[u8], da: &mut [T], k: usize) {
    let inv_b = T::one() / c(labels.len() as f64);
    for ((ar, dr), &y) in a.chunks_exact(k).zip(da.chunks_exact_mut(k)).zip(labels) {
        for (j, (d, &aj)) in dr.iter_mut().zip(ar).enumerate() {
            let t = if j == y as usize { T::one() } else { T::zero() };
            *d = (aj - t) * inv_b;
        }
    }
}

/// Index of the largest entry of each row (the first on ties).
pub fn argmax_rows<T: Float>(z: &[T], k: usize) -> Vec<usize> {
    z.chunks_exact(k)
        .map(|r| {
            let mut best = 0;
            for j in 1..k {
                if r[j] > r[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! Gradient checks by central differences in f64: `(f(x+h) − f(x−h)) / 2h` with h = 1e-6 has
    //! truncation error O(h²·f‴) ≈ 1e-12 and rounding error ≈ ε·|f|/h ≈ 1e-10 for |f| ~ 1, so a
    //! relative tolerance of 1e-6 (with an absolute floor of 1e-8) only fails on a real error.
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    const H: f64 = 1e-6;

    fn close(analytic: f64, numeric: f64, what: &str) {
        let tol = 1e-6 * analytic.abs().max(numeric.abs()) + 1e-8;
        assert!(
            (analytic - numeric).abs() <= tol,
            "{what}: analytic {analytic} vs numeric {numeric}"
        );
    }

    fn rand_vec(rng: &mut ChaCha8Rng, n: usize) -> Vec<f64> {
        (0..n).map(|_| rng.gen_range(-1.0..1.0)).collect()
    }

    /// Numeric gradient of a scalar function of `v`.
    fn numeric_grad(v: &[f64], f: impl Fn(&[f64]) -> f64) -> Vec<f64> {
        let mut p = v.to_vec();
        (0..v.len())
            .map(|i| {
                p[i] = v[i] + H;
                let fp = f(&p);
                p[i] = v[i] - H;
                let fm = f(&p);
                p[i] = v[i];
                (fp - fm) / (2.0 * H)
            })
            .collect()
    }

    #[test]
    fn linear_gradients_match_finite_differences() {
        let (bsz, n_in, n_out) = (3, 4, 5);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let x = rand_vec(&mut rng, bsz * n_in);
        let w = rand_vec(&mut rng, n_in * n_out);
        let b = rand_vec(&mut rng, n_out);
        // Scalar objective L = Σ r ⊙ Y for a fixed random r, so ∂L/∂Y = r.
        let r = rand_vec(&mut rng, bsz * n_out);
        let obj = |x: &[f64], w: &[f64], b: &[f64]| {
            let mut y = vec![0.0; bsz * n_out];
            linear_forward(x, w, b, &mut y, bsz, n_in, n_out);
            y.iter().zip(&r).map(|(a, b)| a * b).sum::<f64>()
        };
        let mut dx = vec![0.0; bsz * n_in];
        let mut dw = vec![0.0; n_in * n_out];
        let mut db = vec![0.0; n_out];
        linear_backward_input(&r, &w, &mut dx, n_in, n_out);
        linear_backward_params(&x, &r, &mut dw, &mut db, n_in, n_out);
        for (a, n) in dx.iter().zip(numeric_grad(&x, |x| obj(x, &w, &b))) {
            close(*a, n, "dX");
        }
        for (a, n) in dw.iter().zip(numeric_grad(&w, |w| obj(&x, w, &b))) {
            close(*a, n, "dW");
        }
        for (a, n) in db.iter().zip(numeric_grad(&b, |b| obj(&x, &w, b))) {
            close(*a, n, "db");
        }
    }

    #[test]
    fn activation_derivatives_match_finite_differences() {
        let slope = 0.0625;
        let acts = [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu,
        ];
        // Stay away from the kink of (leaky) ReLU at 0, where the derivative is a convention.
        let zs = [-6.0, -2.5, -0.7, -0.01, 0.01, 0.3, 1.9, 7.0];
        for act in acts {
            for &z in &zs {
                let a = activate(act, z, slope);
                let d = derivative(act, z, a, slope);
                let n = (activate(act, z + H, slope) - activate(act, z - H, slope)) / (2.0 * H);
                close(d, n, &format!("{act:?}'({z})"));
            }
        }
        assert_eq!(activate(Activation::Relu, -3.0, slope), 0.0);
        assert_eq!(activate(Activation::LeakyRelu, -2.0, slope), -0.125);
        assert!((sigmoid(800.0f64) - 1.0).abs() < 1e-15 && sigmoid(-800.0f64) >= 0.0);
    }

    #[test]
    fn fused_softmax_ce_gradient_matches_jacobian_path_and_finite_differences() {
        let (bsz, k) = (4, 6);
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let z = rand_vec(&mut rng, bsz * k)
            .iter()
            .map(|v| 3.0 * v)
            .collect::<Vec<_>>();
        let labels = [0u8, 5, 2, 2];
        let mut s = vec![0.0; bsz * k];
        softmax_rows(&z, &mut s, k);
        let mut fused = vec![0.0; bsz * k];
        softmax_ce_grad(&s, &labels, &mut fused, k);
        // Jacobian path: ∂L/∂s_i = −[i = y] / (B s_y), then dz = Jᵀ · ∂L/∂s.
        for b in 0..bsz {
            let sr = &s[b * k..(b + 1) * k];
            let jac = softmax_jacobian(sr);
            for j in 0..k {
                let mut dz = 0.0;
                for i in 0..k {
                    let dl_ds = if i == labels[b] as usize {
                        -1.0 / (bsz as f64 * sr[i])
                    } else {
                        0.0
                    };
                    dz += jac[i * k + j] * dl_ds;
                }
                close(fused[b * k + j], dz, "fused vs Jacobian");
            }
        }
        let numeric = numeric_grad(&z, |z| cross_entropy(z, &labels, k));
        for (a, n) in fused.iter().zip(numeric) {
            close(*a, n, "softmax-CE");
        }
        // Each softmax row sums to 1; the Jacobian's rows sum to 0.
        for b in 0..bsz {
            let sr = &s[b * k..(b + 1) * k];
            assert!((sr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            let jac = softmax_jacobian(sr);
            for i in 0..k {
                assert!(jac[i * k..(i + 1) * k].iter().sum::<f64>().abs() < 1e-12);
            }
        }
    }

    #[test]
    fn softmax_and_ce_are_stable_for_large_logits() {
        let z = [1000.0f32, 0.0, -1000.0];
        let mut s = [0.0f32; 3];
        softmax_rows(&z, &mut s, 3);
        assert_eq!(s, [1.0, 0.0, 0.0]);
        assert!(cross_entropy(&z, &[0], 3).abs() < 1e-6);
        assert!((cross_entropy(&z, &[1], 3) - 1000.0).abs() < 1e-3);
    }

    #[test]
    fn mse_gradient_matches_finite_differences_and_its_definition() {
        let (bsz, k) = (3, 4);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let a = rand_vec(&mut rng, bsz * k);
        let labels = [1u8, 3, 0];
        let mut g = vec![0.0; bsz * k];
        mse_grad(&a, &labels, &mut g, k);
        for (x, n) in g.iter().zip(numeric_grad(&a, |a| mse(a, &labels, k))) {
            close(*x, n, "MSE");
        }
        // By hand: one sample, output (0.5, 0.5), label 0 → ½(0.25 + 0.25) = 0.25.
        assert_eq!(mse(&[0.5, 0.5], &[0], 2), 0.25);
    }

    #[test]
    fn f32_and_f64_agree() {
        let x = [0.5f64, -1.0, 2.0, 0.25];
        let w = [0.1f64, 0.2, -0.3, 0.4, 0.5, -0.6];
        let b = [0.01f64, -0.02, 0.03];
        let mut y64 = [0.0f64; 6];
        linear_forward(&x, &w, &b, &mut y64, 2, 2, 3);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let w32: Vec<f32> = w.iter().map(|&v| v as f32).collect();
        let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
        let mut y32 = [0.0f32; 6];
        linear_forward(&x32, &w32, &b32, &mut y32, 2, 2, 3);
        for (a, b) in y64.iter().zip(&y32) {
            assert!((a - *b as f64).abs() < 1e-6);
        }
        // Row 0 by hand: [0.5, −1]·W + b.
        assert!((y64[0] - (0.5 * 0.1 - 0.4 + 0.01)).abs() < 1e-15);
        assert_eq!(argmax_rows(&y64, 3).len(), 2);
    }
}
