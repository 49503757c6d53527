//! Optimizers, element-wise on flat parameter slices. `g` is the full gradient (weight decay
//! `2λW` already added by the caller for weights; biases are not decayed).
//!
//! - SGD: `w ← w − η·g`
//! - momentum (heavy ball, as PyTorch `SGD(momentum=μ)`): `v ← μ·v + g; w ← w − η·v`
//! - momentum EMA: `v ← μ·v + (1−μ)·g; w ← w − η·v`
//! - RMSProp (Hinton's lecture 6e; ρ = `beta2`): `s ← ρ·s + (1−ρ)·g²; w ← w − η·g / (√s + ε)`
//! - Adam (Kingma & Ba 2015, Algorithm 1): `t ← t+1; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
//!   m̂ = m/(1−β1ᵗ); v̂ = v/(1−β2ᵗ); w ← w − η·m̂ / (√v̂ + ε)`
//!
//! All state starts at zero; `t` counts steps (one per mini-batch, shared by every tensor).

use super::ops::c;
use crate::config::{OptimizerConfig, OptimizerKind};
use num_traits::Float;

/// Hyper-parameters of one optimizer, converted to `T`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper<T> {
    pub kind: OptimizerKind,
    pub momentum: T,
    pub beta1: T,
    pub beta2: T,
    pub eps: T,
}

impl<T: Float> Hyper<T> {
    pub fn from_config(o: &OptimizerConfig) -> Self {
        Hyper {
            kind: o.kind,
            momentum: c(o.momentum),
            beta1: c(o.beta1),
            beta2: c(o.beta2),
            eps: c(o.eps),
        }
    }
}

/// State of one parameter tensor: first moment / velocity `m` and second moment `v` (used by
/// RMSProp and Adam only; empty otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot<T> {
    pub m: Vec<T>,
    pub v: Vec<T>,
}

impl<T: Float> Slot<T> {
    pub fn new(kind: OptimizerKind, n: usize) -> Self {
        let m = match kind {
            OptimizerKind::Sgd | OptimizerKind::Rmsprop => Vec::new(),
            _ => vec![T::zero(); n],
        };
        let v = match kind {
            OptimizerKind::Rmsprop | OptimizerKind::Adam => vec![T::zero(); n],
            _ => Vec::new(),
        };
        Slot { m, v }
    }
}

/// Applies one update to `p` with gradient `g`; `t` is the 1-based step number (Adam's bias
/// correction) and `lr` the rate of this step.
pub fn update<T: Float>(h: &Hyper<T>, slot: &mut Slot<T>, p: &mut [T], g: &[T], lr: T, t: u64) {
    debug_assert_eq!(p.len(), g.len());
    match h.kind {
        OptimizerKind::Sgd => {
            for (w, &gi) in p.iter_mut().zip(g) {
                *w = *w - lr * gi;
            }
        }
        OptimizerKind::Momentum => {
            let mu = h.momentum;
            for ((w, &gi), v) in p.iter_mut().zip(g).zip(slot.m.iter_mut()) {
                *v = mu * *v + gi;
                *w = *w - lr * *v;
            }
        }
        OptimizerKind::MomentumEma => {
            let mu = h.momentum;
            let one_mu = T::one() - mu;
            for ((w, &gi), v) in p.iter_mut().zip(g).zip(slot.m.iter_mut()) {
                *v = mu * *v + one_mu * gi;
                *w = *w - lr * *v;
            }
        }
        OptimizerKind::Rmsprop => {
            let rho = h.beta2;
            let one_rho = T::one() - rho;
            for ((w, &gi), s) in p.iter_mut().zip(g).zip(slot.v.iter_mut()) {
                *s = rho * *s + one_rho * gi * gi;
                *w = *w - lr * gi / (s.sqrt() + h.eps);
            }
        }
        OptimizerKind::Adam => {
            let (b1, b2) = (h.beta1, h.beta2);
            let t = t.max(1).min(i32::MAX as u64) as i32;
            let bc1 = T::one() - b1.powi(t);
            let bc2 = T::one() - b2.powi(t);
            for (((w, &gi), m), v) in p
                .iter_mut()
                .zip(g)
                .zip(slot.m.iter_mut())
                .zip(slot.v.iter_mut())
            {
                *m = b1 * *m + (T::one() - b1) * gi;
                *v = b2 * *v + (T::one() - b2) * gi * gi;
                let m_hat = *m / bc1;
                let v_hat = *v / bc2;
                *w = *w - lr * m_hat / (v_hat.sqrt() + h.eps);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each optimizer for three steps on one parameter, w₀ = 1, gradients 1, −2, 0.5, η = 0.1,
    //! against values worked out by hand from the formula in the module doc (the published one).
    use super::*;

    const G: [f64; 3] = [1.0, -2.0, 0.5];

    fn run(kind: OptimizerKind, momentum: f64, beta1: f64, beta2: f64, eps: f64) -> Vec<f64> {
        let h = Hyper {
            kind,
            momentum,
            beta1,
            beta2,
            eps,
        };
        let mut slot = Slot::new(kind, 1);
        let mut w = [1.0f64];
        G.iter()
            .enumerate()
            .map(|(i, &g)| {
                update(&h, &mut slot, &mut w, &[g], 0.1, i as u64 + 1);
                w[0]
            })
            .collect()
    }

    fn close(got: &[f64], want: &[f64]) {
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn sgd_by_hand() {
        // w = 1 − 0.1 = 0.9; 0.9 + 0.2 = 1.1; 1.1 − 0.05 = 1.05
        close(
            &run(OptimizerKind::Sgd, 0.9, 0.9, 0.999, 1e-8),
            &[0.9, 1.1, 1.05],
        );
    }

    #[test]
    fn heavy_ball_momentum_by_hand() {
        // PyTorch SGD(momentum=0.9, dampening=0): v = 1 → w = 0.9;
        // v = 0.9 − 2 = −1.1 → w = 1.01; v = −0.99 + 0.5 = −0.49 → w = 1.059.
        close(
            &run(OptimizerKind::Momentum, 0.9, 0.9, 0.999, 1e-8),
            &[0.9, 1.01, 1.059],
        );
    }

    #[test]
    fn ema_momentum_by_hand() {
        // v = 0.1 → w = 0.99; v = 0.09 − 0.2 = −0.11 → w = 1.001;
        // v = −0.099 + 0.05 = −0.049 → w = 1.0059.
        close(
            &run(OptimizerKind::MomentumEma, 0.9, 0.9, 0.999, 1e-8),
            &[0.99, 1.001, 1.0059],
        );
    }

    #[test]
    fn rmsprop_by_hand() {
        // ρ = 0.9, ε = 0: s = 0.1 → w = 1 − 0.1/√0.1;
        // s = 0.09 + 0.4 = 0.49 → w += 0.2/0.7; s = 0.441 + 0.025 = 0.466 → w −= 0.05/√0.466.
        let w1 = 1.0 - 0.1 / 0.1f64.sqrt();
        let w2 = w1 + 0.2 / 0.7;
        let w3 = w2 - 0.05 / 0.466f64.sqrt();
        close(
            &run(OptimizerKind::Rmsprop, 0.0, 0.9, 0.9, 0.0),
            &[w1, w2, w3],
        );
    }

    #[test]
    fn adam_by_hand() {
        // β1 = 0.9, β2 = 0.999, ε = 0 (Kingma & Ba, Alg. 1).
        // t=1: m = 0.1, v = 0.001; m̂ = 1, v̂ = 1 → w = 0.9 (the first step is always ±η).
        // t=2: m = 0.09 − 0.2 = −0.11, v = 0.000999 + 0.004 = 0.004999;
        //      m̂ = −0.11/0.19, v̂ = 0.004999/0.001999 → w = 0.9 + 0.1·(0.11/0.19)/√(0.004999/0.001999).
        // t=3: m = −0.099 + 0.05 = −0.049, v = 0.004994001 + 0.00025 = 0.005244001;
        //      m̂ = −0.049/0.271, v̂ = 0.005244001/0.002997001.
        let w1 = 0.9;
        let w2 = w1 + 0.1 * (0.11 / 0.19) / (0.004999f64 / 0.001999).sqrt();
        let w3 = w2 + 0.1 * (0.049 / 0.271) / (0.005244001f64 / 0.002997001).sqrt();
        close(
            &run(OptimizerKind::Adam, 0.0, 0.9, 0.999, 0.0),
            &[w1, w2, w3],
        );
    }

    #[test]
    fn works_in_f32() {
        let h = Hyper::<f32> {
            kind: OptimizerKind::Momentum,
            momentum: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        };
        let mut slot = Slot::new(OptimizerKind::Momentum, 2);
        let mut w = [1.0f32, -1.0];
        update(&h, &mut slot, &mut w, &[1.0, 1.0], 0.1, 1);
        assert_eq!(w, [0.9, -1.1]);
    }
}
