//! The MLP: linear layers `Y = XW + b`, a hidden activation after every layer but the last, and on
//! the output a softmax (softmax cross-entropy) or the identity (MSE).
//!
//! One training step is [`Mlp::forward_train`] → [`Mlp::backward`] → [`Mlp::step`]; [`Trainer`]
//! bundles the buffers, optimizer state and dropout RNG and does all three in [`Trainer::step`].

use super::init::LayerInit;
use super::ops::{self, c};
use super::optim::{self, Hyper, Slot};
use crate::config::{Activation, Config, Loss};
use crate::data::Dataset;
use num_traits::Float;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One linear layer `Y = XW + b`; `w` is `n_in × n_out` row-major (`w[k * n_out + j]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer<T> {
    pub n_in: usize,
    pub n_out: usize,
    pub w: Vec<T>,
    pub b: Vec<T>,
}

/// A multi-layer perceptron with parameters in `T` (f32 or f64).
#[derive(Debug, Clone, PartialEq)]
pub struct Mlp<T> {
    pub layers: Vec<Layer<T>>,
    /// Activation after hidden layer i (`layers.len() − 1` entries).
    pub activations: Vec<Activation>,
    pub leaky_slope: T,
    pub loss: Loss,
}

/// Everything the backward pass needs from a forward pass over one batch.
#[derive(Debug, Clone)]
pub struct Tape<T> {
    pub batch: usize,
    /// `a[0]` is the input, `a[i]` the (post-dropout) input of layer i, `a[L]` the output
    /// (softmax probabilities or the identity output).
    pub a: Vec<Vec<T>>,
    /// Pre-activations `z[i] = a[i]·W_i + b_i` for each layer i.
    pub z: Vec<Vec<T>>,
    /// Inverted-dropout masks (0 or 1/(1−p)) applied to `a[i+1]`, one per hidden layer; empty when
    /// dropout is off.
    pub masks: Vec<Vec<T>>,
}

impl<T> Default for Tape<T> {
    fn default() -> Self {
        Tape {
            batch: 0,
            a: Vec::new(),
            z: Vec::new(),
            masks: Vec::new(),
        }
    }
}

/// Gradients of every layer's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Grads<T> {
    pub dw: Vec<Vec<T>>,
    pub db: Vec<Vec<T>>,
}

impl<T: Float> Mlp<T> {
    /// An MLP with the given initial parameters and the model settings of `cfg`.
    pub fn from_init(init: &[LayerInit], cfg: &Config) -> Self {
        let layers = init
            .iter()
            .map(|l| Layer {
                n_in: l.n_in,
                n_out: l.n_out,
                w: l.w.iter().map(|&v| c(v)).collect(),
                b: l.b.iter().map(|&v| c(v)).collect(),
            })
            .collect::<Vec<_>>();
        let activations = (0..layers.len().saturating_sub(1))
            .map(|i| cfg.hidden_activation(i))
            .collect();
        Mlp {
            layers,
            activations,
            leaky_slope: c(cfg.model.leaky_slope),
            loss: cfg.model.loss,
        }
    }

    /// Kaiming initialisation from `cfg.model.layers` and `cfg.train.seed` (the same start as every
    /// other engine).
    pub fn new(cfg: &Config) -> Self {
        Self::from_init(
            &super::init::kaiming(&cfg.model.layers, cfg.train.seed),
            cfg,
        )
    }

    /// The parameters in f64, in the same layout as the initialisation (for saving, comparing).
    pub fn to_layers_f64(&self) -> Vec<LayerInit> {
        self.layers
            .iter()
            .map(|l| LayerInit {
                n_in: l.n_in,
                n_out: l.n_out,
                w: l.w.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect(),
                b: l.b.iter().map(|v| v.to_f64().unwrap_or(f64::NAN)).collect(),
            })
            .collect()
    }

    pub fn n_inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.n_in)
    }

    pub fn n_outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.n_out)
    }

    /// Zeroed gradients shaped like the parameters.
    pub fn zero_grads(&self) -> Grads<T> {
        Grads {
            dw: self
                .layers
                .iter()
                .map(|l| vec![T::zero(); l.w.len()])
                .collect(),
            db: self
                .layers
                .iter()
                .map(|l| vec![T::zero(); l.b.len()])
                .collect(),
        }
    }

    /// Inference forward pass over `batch` rows of `x` (no dropout).
    pub fn forward(&self, x: &[T], batch: usize) -> Tape<T> {
        let mut tape = Tape::default();
        self.forward_into(x, batch, &mut tape, None);
        tape
    }

    /// Forward pass reusing `tape`'s buffers. `dropout = Some((p, rng))` applies inverted dropout
    /// with drop probability p to every hidden activation (training only).
    pub fn forward_into(
        &self,
        x: &[T],
        batch: usize,
        tape: &mut Tape<T>,
        dropout: Option<(f64, &mut ChaCha8Rng)>,
    ) {
        let nl = self.layers.len();
        assert_eq!(
            x.len(),
            batch * self.n_inputs(),
            "input is not batch × n_in"
        );
        tape.batch = batch;
        tape.a.resize_with(nl + 1, Vec::new);
        tape.z.resize_with(nl, Vec::new);
        tape.a[0].clear();
        tape.a[0].extend_from_slice(x);
        let (p, mut rng) = match dropout {
            Some((p, rng)) if p > 0.0 => (p, Some(rng)),
            _ => (0.0, None),
        };
        tape.masks
            .resize_with(if rng.is_some() { nl - 1 } else { 0 }, Vec::new);
        let keep_scale: T = c(1.0 / (1.0 - p));
        for (i, l) in self.layers.iter().enumerate() {
            let (lo, hi) = tape.a.split_at_mut(i + 1);
            let z = &mut tape.z[i];
            z.resize(batch * l.n_out, T::zero());
            ops::linear_forward(&lo[i], &l.w, &l.b, z, batch, l.n_in, l.n_out);
            let out = &mut hi[0];
            out.resize(batch * l.n_out, T::zero());
            if i + 1 < nl {
                let act = self.activations[i];
                for (o, &zv) in out.iter_mut().zip(z.iter()) {
                    *o = ops::activate(act, zv, self.leaky_slope);
                }
                if let Some(rng) = rng.as_deref_mut() {
                    let m = &mut tape.masks[i];
                    m.clear();
                    m.extend((0..out.len()).map(|_| {
                        if rng.gen::<f64>() < p {
                            T::zero()
                        } else {
                            keep_scale
                        }
                    }));
                    for (o, &mv) in out.iter_mut().zip(m.iter()) {
                        *o = *o * mv;
                    }
                }
            } else {
                match self.loss {
                    Loss::SoftmaxCrossEntropy => ops::softmax_rows(z, out, l.n_out),
                    Loss::Mse => out.copy_from_slice(z),
                }
            }
        }
    }

    /// The network output of a tape: softmax probabilities, or the identity output under MSE.
    pub fn output<'a>(&self, tape: &'a Tape<T>) -> &'a [T] {
        &tape.a[self.layers.len()]
    }

    /// Mean loss of the batch in `tape` (without the weight-decay term).
    pub fn loss_of(&self, tape: &Tape<T>, labels: &[u8]) -> T {
        let k = self.n_outputs();
        match self.loss {
            Loss::SoftmaxCrossEntropy => {
                ops::cross_entropy(&tape.z[self.layers.len() - 1], labels, k)
            }
            Loss::Mse => ops::mse(self.output(tape), labels, k),
        }
    }

    /// Backpropagates the mean batch loss of `tape` against `labels` into `grads` (overwritten) and
    /// returns that loss. Weight decay adds `2λ·W` to every weight gradient (not to biases).
    pub fn backward(
        &self,
        tape: &Tape<T>,
        labels: &[u8],
        weight_decay: T,
        grads: &mut Grads<T>,
    ) -> T {
        let nl = self.layers.len();
        let bsz = tape.batch;
        assert_eq!(labels.len(), bsz, "one label per row");
        let k = self.n_outputs();
        assert!(
            labels.iter().all(|&l| (l as usize) < k),
            "a label is not below the {k} outputs"
        );
        let loss = self.loss_of(tape, labels);
        // dz of the output layer.
        let mut dz = vec![T::zero(); bsz * k];
        match self.loss {
            Loss::SoftmaxCrossEntropy => {
                ops::softmax_ce_grad(self.output(tape), labels, &mut dz, k)
            }
            Loss::Mse => ops::mse_grad(self.output(tape), labels, &mut dz, k),
        }
        let mut da = Vec::new();
        for i in (0..nl).rev() {
            let l = &self.layers[i];
            ops::linear_backward_params(
                &tape.a[i],
                &dz,
                &mut grads.dw[i],
                &mut grads.db[i],
                l.n_in,
                l.n_out,
            );
            if weight_decay != T::zero() {
                let two_l = weight_decay + weight_decay;
                for (g, &w) in grads.dw[i].iter_mut().zip(&l.w) {
                    *g = *g + two_l * w;
                }
            }
            if i == 0 {
                break;
            }
            // Through layer i's input a[i] = mask ⊙ f(z[i−1]).
            da.resize(bsz * l.n_in, T::zero());
            ops::linear_backward_input(&dz, &l.w, &mut da, l.n_in, l.n_out);
            if let Some(m) = tape.masks.get(i - 1) {
                for (d, &mv) in da.iter_mut().zip(m) {
                    *d = *d * mv;
                }
            }
            let act = self.activations[i - 1];
            let (zp, ap) = (&tape.z[i - 1], &tape.a[i]);
            dz.resize(bsz * l.n_in, T::zero());
            for (((d, &g), &zv), &av) in dz.iter_mut().zip(&da).zip(zp).zip(ap) {
                // `a` may be masked; f′ needs the unmasked f(z), recomputed where the form uses it.
                let a_un = if tape.masks.is_empty()
                    || matches!(act, Activation::Relu | Activation::LeakyRelu)
                {
                    av
                } else {
                    ops::activate(act, zv, self.leaky_slope)
                };
                *d = g * ops::derivative(act, zv, a_un, self.leaky_slope);
            }
        }
        loss
    }

    /// Predicted class of each of the `n` rows of `x`.
    pub fn predict(&self, x: &[T], n: usize) -> Vec<usize> {
        let mut tape = Tape::default();
        let mut out = Vec::with_capacity(n);
        let d = self.n_inputs();
        for start in (0..n).step_by(256) {
            let m = (n - start).min(256);
            self.forward_into(&x[start * d..(start + m) * d], m, &mut tape, None);
            out.extend(ops::argmax_rows(self.output(&tape), self.n_outputs()));
        }
        out
    }

    /// Fraction of `ds` classified correctly (evaluated 256 rows at a time).
    pub fn accuracy(&self, ds: &Dataset) -> f64 {
        if ds.is_empty() {
            return 0.0;
        }
        let mut tape = Tape::default();
        let mut x: Vec<T> = Vec::new();
        let mut ok = 0usize;
        for start in (0..ds.len()).step_by(256) {
            let end = (start + 256).min(ds.len());
            x.clear();
            x.extend(
                ds.features[start * ds.dim..end * ds.dim]
                    .iter()
                    .map(|&v| c::<T>(v as f64)),
            );
            self.forward_into(&x, end - start, &mut tape, None);
            let pred = ops::argmax_rows(self.output(&tape), self.n_outputs());
            ok += pred
                .iter()
                .zip(&ds.labels[start..end])
                .filter(|(p, &l)| **p == l as usize)
                .count();
        }
        ok as f64 / ds.len() as f64
    }
}

/// Optimizer state for every parameter tensor of an [`Mlp`].
#[derive(Debug, Clone, PartialEq)]
pub struct Optimizer<T> {
    pub hyper: Hyper<T>,
    /// Steps taken so far (Adam's `t` after the next step is `steps + 1`).
    pub steps: u64,
    pub w: Vec<Slot<T>>,
    pub b: Vec<Slot<T>>,
}

impl<T: Float> Optimizer<T> {
    pub fn new(cfg: &crate::config::OptimizerConfig, mlp: &Mlp<T>) -> Self {
        let hyper = Hyper::from_config(cfg);
        Optimizer {
            hyper,
            steps: 0,
            w: mlp
                .layers
                .iter()
                .map(|l| Slot::new(cfg.kind, l.w.len()))
                .collect(),
            b: mlp
                .layers
                .iter()
                .map(|l| Slot::new(cfg.kind, l.b.len()))
                .collect(),
        }
    }
}

impl<T: Float> Mlp<T> {
    /// One optimizer update of every parameter with `grads` at learning rate `lr`.
    pub fn step(&mut self, grads: &Grads<T>, opt: &mut Optimizer<T>, lr: T) {
        opt.steps += 1;
        let t = opt.steps;
        for (i, l) in self.layers.iter_mut().enumerate() {
            optim::update(&opt.hyper, &mut opt.w[i], &mut l.w, &grads.dw[i], lr, t);
            optim::update(&opt.hyper, &mut opt.b[i], &mut l.b, &grads.db[i], lr, t);
        }
    }
}

/// The dropout RNG of `epoch`: `ChaCha8Rng` seeded by `seed ^ 0xD40_F0D7`, stream `epoch`.
pub fn dropout_rng(seed: u64, epoch: usize) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed ^ 0xD40_F0D7);
    r.set_stream(epoch as u64);
    r
}

/// An [`Mlp`] with its optimizer, reusable buffers and dropout RNG: the unit a training loop drives.
#[derive(Debug, Clone)]
pub struct Trainer<T> {
    pub mlp: Mlp<T>,
    pub opt: Optimizer<T>,
    pub weight_decay: T,
    pub dropout: f64,
    tape: Tape<T>,
    grads: Grads<T>,
    xbuf: Vec<T>,
    lbuf: Vec<u8>,
    rng: ChaCha8Rng,
}

impl<T: Float> Trainer<T> {
    /// Kaiming-initialised network and fresh optimizer state for `cfg`.
    pub fn new(cfg: &Config) -> Self {
        Self::from_mlp(Mlp::new(cfg), cfg)
    }

    /// Train `mlp` with the optimizer, weight decay and dropout of `cfg`.
    pub fn from_mlp(mlp: Mlp<T>, cfg: &Config) -> Self {
        let opt = Optimizer::new(&cfg.optimizer, &mlp);
        let grads = mlp.zero_grads();
        Trainer {
            opt,
            grads,
            mlp,
            weight_decay: c(cfg.train.weight_decay),
            dropout: cfg.train.dropout,
            tape: Tape::default(),
            xbuf: Vec::new(),
            lbuf: Vec::new(),
            rng: dropout_rng(cfg.train.seed, 0),
        }
    }

    /// Re-seeds the dropout RNG for `epoch` (0-based). The training loop calls this at the start of
    /// every epoch, so the dropout masks depend only on (seed, epoch, position in the epoch) and a run
    /// resumed from an epoch-boundary checkpoint needs no RNG state.
    pub fn start_epoch(&mut self, seed: u64, epoch: usize) {
        self.rng = dropout_rng(seed, epoch);
    }

    /// One mini-batch step on the rows `x` (`labels.len()` of them): forward (with dropout),
    /// backward (with weight decay), update at `lr`. Returns the mean batch loss before the update.
    pub fn step(&mut self, x: &[T], labels: &[u8], lr: T) -> T {
        let dropout = (self.dropout > 0.0).then_some((self.dropout, &mut self.rng));
        self.mlp
            .forward_into(x, labels.len(), &mut self.tape, dropout);
        let loss = self
            .mlp
            .backward(&self.tape, labels, self.weight_decay, &mut self.grads);
        self.mlp.step(&self.grads, &mut self.opt, lr);
        loss
    }

    /// [`Trainer::step`] on the samples `idx` of `ds`.
    pub fn step_indices(&mut self, ds: &Dataset, idx: &[usize], lr: T) -> T {
        let mut x = std::mem::take(&mut self.xbuf);
        let mut l = std::mem::take(&mut self.lbuf);
        x.clear();
        l.clear();
        for &i in idx {
            x.extend(ds.row(i).iter().map(|&v| c::<T>(v as f64)));
            l.push(ds.labels[i]);
        }
        let loss = self.step(&x, &l, lr);
        self.xbuf = x;
        self.lbuf = l;
        loss
    }

    /// The gradients of the last step.
    pub fn grads(&self) -> &Grads<T> {
        &self.grads
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::OptimizerKind;

    fn cfg(layers: &[usize], act: Activation, loss: Loss) -> Config {
        let mut c = Config::default();
        c.model.layers = layers.to_vec();
        c.model.activations = vec![act];
        c.model.loss = loss;
        c
    }

    fn param(m: &mut Mlp<f64>, li: usize, which: usize, p: usize) -> &mut f64 {
        if which == 0 {
            &mut m.layers[li].w[p]
        } else {
            &mut m.layers[li].b[p]
        }
    }

    /// Whole-network gradient check (f64, central differences, h = 1e-6, relative tolerance 1e-5:
    /// see `ops::tests` for why the error is ≈ 1e-10), with weight decay, for every activation
    /// and both losses. Inputs keep pre-activations away from the ReLU kink in practice.
    #[test]
    fn network_gradients_match_finite_differences() {
        let x: Vec<f64> = (0..3 * 5)
            .map(|i| ((i * 7 % 11) as f64 - 5.0) / 4.0)
            .collect();
        let labels = [2u8, 0, 1];
        let lambda = 1e-2;
        for act in [
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Relu,
            Activation::LeakyRelu,
        ] {
            for loss in [Loss::SoftmaxCrossEntropy, Loss::Mse] {
                let cf = cfg(&[5, 4, 4, 3], act, loss);
                let mut mlp: Mlp<f64> = Mlp::new(&cf);
                let tape = mlp.forward(&x, 3);
                let mut g = mlp.zero_grads();
                mlp.backward(&tape, &labels, lambda, &mut g);
                let objective = |m: &Mlp<f64>| {
                    let t = m.forward(&x, 3);
                    let wsq: f64 = m.layers.iter().flat_map(|l| &l.w).map(|w| w * w).sum();
                    m.loss_of(&t, &labels) + lambda * wsq
                };
                for li in 0..mlp.layers.len() {
                    for which in 0..2 {
                        let n = if which == 0 {
                            mlp.layers[li].w.len()
                        } else {
                            mlp.layers[li].b.len()
                        };
                        for p in 0..n {
                            let h = 1e-6;
                            let v = *param(&mut mlp, li, which, p);
                            *param(&mut mlp, li, which, p) = v + h;
                            let fp = objective(&mlp);
                            *param(&mut mlp, li, which, p) = v - h;
                            let fm = objective(&mlp);
                            *param(&mut mlp, li, which, p) = v;
                            let num = (fp - fm) / (2.0 * h);
                            let ana = if which == 0 { g.dw[li][p] } else { g.db[li][p] };
                            assert!(
                                (num - ana).abs() <= 1e-5 * num.abs().max(ana.abs()) + 1e-7,
                                "{act:?} {loss:?} layer {li} {} {p}: {ana} vs {num}",
                                if which == 0 { "w" } else { "b" }
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn dropout_masks_are_inverted_and_only_in_training() {
        let mut cf = cfg(&[4, 50, 3], Activation::Sigmoid, Loss::SoftmaxCrossEntropy);
        cf.train.dropout = 0.5;
        let mlp: Mlp<f64> = Mlp::new(&cf);
        let x = vec![0.5; 4 * 20];
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let mut tape = Tape::default();
        mlp.forward_into(&x, 20, &mut tape, Some((0.5, &mut rng)));
        let m = &tape.masks[0];
        assert!(m.iter().all(|&v| v == 0.0 || v == 2.0));
        let kept = m.iter().filter(|&&v| v == 2.0).count() as f64 / m.len() as f64;
        assert!((kept - 0.5).abs() < 0.1, "kept {kept}");
        let eval = mlp.forward(&x, 20);
        assert!(eval.masks.is_empty());
        // Dropped units are zero, kept ones doubled.
        for ((&a, &e), &mv) in tape.a[1].iter().zip(&eval.a[1]).zip(m) {
            assert_eq!(a, e * mv);
        }
        // The gradient check holds with a fixed mask too.
        let labels: Vec<u8> = (0..20).map(|i| (i % 3) as u8).collect();
        let mut g = mlp.zero_grads();
        mlp.backward(&tape, &labels, 0.0, &mut g);
        let (li, p, h) = (0, 7, 1e-6);
        let mut m2 = mlp.clone();
        let f = |m: &Mlp<f64>| {
            let mut t = Tape::default();
            m.forward_into(
                &x,
                20,
                &mut t,
                Some((0.5, &mut ChaCha8Rng::seed_from_u64(0))),
            );
            m.loss_of(&t, &labels)
        };
        m2.layers[li].w[p] += h;
        let fp = f(&m2);
        m2.layers[li].w[p] -= 2.0 * h;
        let fm = f(&m2);
        let num = (fp - fm) / (2.0 * h);
        assert!(
            (num - g.dw[li][p]).abs() < 1e-6 * num.abs() + 1e-9,
            "{num} vs {}",
            g.dw[li][p]
        );
    }

    #[test]
    fn step_applies_weight_decay_to_weights_only() {
        let mut cf = cfg(&[2, 2], Activation::Relu, Loss::Mse);
        cf.optimizer.kind = OptimizerKind::Sgd;
        let mut mlp: Mlp<f64> = Mlp::new(&cf);
        mlp.layers[0].w = vec![1.0, 2.0, 3.0, 4.0];
        mlp.layers[0].b = vec![0.5, 0.5];
        let mut opt = Optimizer::new(&cf.optimizer, &mlp);
        // Zero data gradient: only decay acts. λ = 0.25 → g = 0.5·W; η = 0.1 → W·0.95.
        let zero = mlp.zero_grads();
        let mut g = zero.clone();
        for (gw, &w) in g.dw[0].iter_mut().zip(&mlp.layers[0].w) {
            *gw = 2.0 * 0.25 * w;
        }
        mlp.step(&g, &mut opt, 0.1);
        assert_eq!(mlp.layers[0].w, vec![0.95, 1.9, 2.85, 3.8]);
        assert_eq!(mlp.layers[0].b, vec![0.5, 0.5]);
        // And backward adds exactly 2λW: with output == target the data gradient is 0.
        let x = [0.0, 0.0];
        let mut m2 = mlp.clone();
        m2.layers[0].b = vec![1.0, 0.0];
        let tape = m2.forward(&x, 1);
        let mut g2 = m2.zero_grads();
        let loss = m2.backward(&tape, &[0], 0.25, &mut g2);
        assert_eq!(loss, 0.0);
        let want: Vec<f64> = m2.layers[0].w.iter().map(|w| 0.5 * w).collect();
        assert_eq!(g2.dw[0], want);
        assert_eq!(g2.db[0], vec![0.0, 0.0]);
    }

    #[test]
    fn export_roundtrips_init() {
        let cf = Config::default();
        let init = super::super::init::kaiming(&cf.model.layers, 3);
        let mlp: Mlp<f64> = Mlp::from_init(&init, &cf);
        assert_eq!(mlp.to_layers_f64(), init);
        let m32: Mlp<f32> = Mlp::from_init(&init, &cf);
        assert_eq!(m32.layers[1].w[5], init[1].w[5] as f32);
    }
}
