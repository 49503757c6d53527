//! The golden network: the layers' W_aug and velocity as raw integers, and one training step in the
//! hardware's order (forward, loss gradient, then per layer last → first: dX with the old weights,
//! dW drained into the update unit in [`update_order`]).

use super::kernels::{
    act_derivative, act_forward, argmax, ce_loss_f64, gemm_bt, mse_grad, mse_loss_f64, narrow_all,
    softmax_ce_grad_into, transpose, update_layer, update_order, ActTables, LossUnit, UpdateRegs,
};
use crate::checkpoint::{self, EngineState, FixedLayer, FixedState, Progress};
use crate::config::{Activation, Config, Loss, Rounding};
use crate::fixed::{lfsr::Lfsr, quantize, requantize, SatCounters};
use crate::model_io::ModelFile;
use crate::reference::init::LayerInit;

/// One layer: `W_aug` ((n_in+1) × n_out, row-major; row `n_in` is the bias) and its velocity `V`
/// (same shape), raw 16-bit values in `i32`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    pub n_in: usize,
    pub n_out: usize,
    /// Weight format (`weight_frac`).
    pub w: Vec<i32>,
    /// Momentum format (`mom_frac`).
    pub v: Vec<i32>,
}

/// What one step reports.
#[derive(Debug, Clone, PartialEq)]
pub struct StepStats {
    /// Mean data loss of the batch before the update (host-side f64 from the integer logits).
    pub loss: f64,
    /// Samples of the batch whose argmax logit (lowest index on ties) equals the label.
    pub correct: usize,
    /// Saturations during this step.
    pub sat: SatCounters,
}

/// The activations of one forward pass: each layer's augmented input and the output logits.
#[derive(Debug, Clone, Default)]
pub struct Tape {
    /// Per layer, its input with the constant-1 column appended: batch × (n_in + 1).
    pub x_aug: Vec<Vec<i32>>,
    /// Output layer values (logits), batch × n_out, activation format.
    pub out: Vec<i32>,
}

/// The bit-accurate network and its training state.
#[derive(Debug, Clone)]
pub struct Net {
    pub layers: Vec<Layer>,
    /// Activation of each hidden layer.
    pub activations: Vec<Activation>,
    pub loss: Loss,
    pub act_tables: ActTables,
    pub loss_unit: LossUnit,
    pub lfsr: Lfsr,
    /// Saturations since creation.
    pub sat: SatCounters,
    cfg: Config,
    /// Per layer, the flat indices of W_aug in [`update_order`] (cached).
    order: Vec<Vec<u32>>,
}

impl Net {
    /// The network of `cfg` starting from float parameters `init`, quantised to the weight format
    /// with [`quantize`] (round to nearest, ties away from zero, saturating; saturations are counted
    /// in `sat.weight`). Velocities start at 0, the LFSR at `fixed.lfsr_seed`.
    pub fn from_init(cfg: &Config, init: &[LayerInit]) -> Net {
        let wf = cfg.fixed.weight_frac;
        let mut sat = SatCounters::default();
        let mut q = |x: f64| {
            let (v, s) = quantize(x, wf);
            sat.weight += s as u64;
            v
        };
        let layers = init
            .iter()
            .map(|l| {
                let mut w: Vec<i32> = l.w.iter().map(|&x| q(x)).collect();
                w.extend(l.b.iter().map(|&x| q(x)));
                Layer {
                    n_in: l.n_in,
                    n_out: l.n_out,
                    v: vec![0; w.len()],
                    w,
                }
            })
            .collect::<Vec<_>>();
        Net::assemble(cfg, layers, Lfsr::new(cfg.fixed.lfsr_seed), sat)
    }

    /// The network of `cfg` with these layers, LFSR and counters.
    fn assemble(cfg: &Config, layers: Vec<Layer>, lfsr: Lfsr, sat: SatCounters) -> Net {
        let activations = (0..layers.len().saturating_sub(1))
            .map(|i| cfg.hidden_activation(i))
            .collect();
        let order = layers
            .iter()
            .map(|l| {
                update_order(l.n_in + 1, l.n_out, cfg.array.rows, cfg.array.cols)
                    .map(|(k, j)| (k * l.n_out + j) as u32)
                    .collect()
            })
            .collect();
        Net {
            order,
            layers,
            activations,
            loss: cfg.model.loss,
            act_tables: ActTables::new(cfg),
            loss_unit: LossUnit::new(cfg),
            lfsr,
            sat,
            cfg: cfg.clone(),
        }
    }

    /// The trainable state (W_aug, V, LFSR) for a model file.
    pub fn to_state(&self) -> FixedState {
        FixedState {
            layers: self
                .layers
                .iter()
                .map(|l| FixedLayer {
                    n_in: l.n_in,
                    n_out: l.n_out,
                    w_aug: l.w.clone(),
                    v: l.v.clone(),
                })
                .collect(),
            lfsr_state: self.lfsr.state,
        }
    }

    /// The network of `cfg` in state `s` (saturation counters at 0), its shapes checked against
    /// `cfg.model.layers`.
    pub fn from_state(cfg: &Config, s: &FixedState) -> anyhow::Result<Net> {
        let dims = checkpoint::layer_dims(cfg);
        if s.layers.len() != dims.len() {
            anyhow::bail!(
                "the state has {} layers, the config {}",
                s.layers.len(),
                dims.len()
            );
        }
        let mut layers = Vec::new();
        for (i, (l, (n_in, n_out))) in s.layers.iter().zip(dims).enumerate() {
            let n = (n_in + 1) * n_out;
            if (l.n_in, l.n_out, l.w_aug.len(), l.v.len()) != (n_in, n_out, n, n) {
                anyhow::bail!(
                    "layer {i} of the state is {} × {} (W_aug {} values, V {}), the config needs \
                     {n_in} × {n_out} ({n} values each)",
                    l.n_in,
                    l.n_out,
                    l.w_aug.len(),
                    l.v.len()
                );
            }
            layers.push(Layer {
                n_in,
                n_out,
                w: l.w_aug.clone(),
                v: l.v.clone(),
            });
        }
        Ok(Net::assemble(
            cfg,
            layers,
            Lfsr::new(s.lfsr_state),
            SatCounters::default(),
        ))
    }

    /// Kaiming initialisation of `cfg` (the float engine's start), quantised.
    pub fn new(cfg: &Config) -> Net {
        Net::from_init(
            cfg,
            &crate::reference::init::kaiming(&cfg.model.layers, cfg.train.seed),
        )
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Quantise [0, 1] features to the activation format (round to nearest; k/16 is exact).
    pub fn quantize_inputs(&self, x: &[f32]) -> Vec<i32> {
        x.iter()
            .map(|&v| quantize(v as f64, self.cfg.fixed.act_frac).0)
            .collect()
    }

    /// Forward pass of `b` samples (`x`: b × n_in, activation format).
    /// Per layer: `z = narrow(Σ_{k=0}^{n_in} x_aug_k·w_kj, weight_frac)` (x_aug_{n_in} = 1 << act_frac,
    /// so the bias product is the last), then the hidden activation.
    pub fn forward(&self, x: &[i32], b: usize, sat: &mut SatCounters) -> Tape {
        let f = &self.cfg.fixed;
        let one = 1i32 << f.act_frac;
        let mut tape = Tape::default();
        let mut cur: Vec<i32> = x.to_vec();
        for (l, layer) in self.layers.iter().enumerate() {
            let (n_in, n_out) = (layer.n_in, layer.n_out);
            let mut xa = Vec::with_capacity(b * (n_in + 1));
            for row in cur.chunks_exact(n_in) {
                xa.extend_from_slice(row);
                xa.push(one);
            }
            let wt = transpose(&layer.w, n_in + 1, n_out);
            let acc = gemm_bt(&xa, &wt, b, n_in + 1, n_out, f.acc_bits, &mut sat.acc);
            cur = narrow_all(&acc, f.weight_frac, f.rounding, &mut sat.act);
            if let Some(&kind) = self.activations.get(l) {
                for z in cur.iter_mut() {
                    *z = act_forward(kind, *z, &self.act_tables);
                }
            }
            tape.x_aug.push(xa);
        }
        tape.out = cur;
        tape
    }

    /// One training step on a batch (`x`: b × n_in raw inputs, `labels.len()` = b) at learning rate
    /// `lr` (quantised into the η register).
    pub fn step(&mut self, x: &[i32], labels: &[u8], lr: f64) -> StepStats {
        let regs = UpdateRegs::new(&self.cfg, lr);
        self.step_regs(x, labels, &regs)
    }

    /// [`Net::step`] with explicit update registers.
    pub fn step_regs(&mut self, x: &[i32], labels: &[u8], regs: &UpdateRegs) -> StepStats {
        let b = labels.len();
        let f = self.cfg.fixed.clone();
        let mut sat = SatCounters::default();
        let tape = self.forward(x, b, &mut sat);
        let n_out = self.layers.last().expect("≥ 1 layer").n_out;

        // Loss gradient and host-side figures.
        let mut delta = vec![0i32; b * n_out];
        let mut loss = 0.0;
        let mut correct = 0;
        for ((z, &y), e) in tape
            .out
            .chunks_exact(n_out)
            .zip(labels)
            .zip(delta.chunks_exact_mut(n_out))
        {
            let y = y as usize;
            sat.err += match self.loss {
                Loss::SoftmaxCrossEntropy => {
                    loss += ce_loss_f64(z, y, f.act_frac);
                    softmax_ce_grad_into(z, y, b, &self.loss_unit, e)
                }
                Loss::Mse => {
                    loss += mse_loss_f64(z, y, f.act_frac);
                    let (v, s) = mse_grad(z, y, b, &self.loss_unit);
                    e.copy_from_slice(&v);
                    s
                }
            };
            correct += (argmax(z) == y) as usize;
        }

        // Backward, last layer first.
        for l in (0..self.layers.len()).rev() {
            let (n_in, n_out) = (self.layers[l].n_in, self.layers[l].n_out);
            let xa = &tape.x_aug[l];
            // dX = δ·Wᵀ with the old (pre-update) weights; rows 0..n_in only.
            let da = if l > 0 {
                // b = Wᵀ (n_out × n_in), so bᵀ = W's first n_in rows as stored.
                let w = &self.layers[l].w[..n_in * n_out];
                let acc = gemm_bt(&delta, w, b, n_out, n_in, f.acc_bits, &mut sat.acc);
                Some(narrow_all(&acc, f.weight_frac, f.rounding, &mut sat.err))
            } else {
                None
            };
            // dW_aug = X_augᵀ·δ (ascending over the batch), narrowed to the momentum format.
            let xt = transpose(xa, b, n_in + 1);
            let dt = transpose(&delta, b, n_out);
            let acc = gemm_bt(&xt, &dt, n_in + 1, b, n_out, f.acc_bits, &mut sat.acc);
            let g: Vec<i32> = if f.act_frac + f.err_frac >= f.mom_frac {
                narrow_all(
                    &acc,
                    f.act_frac + f.err_frac - f.mom_frac,
                    f.rounding,
                    &mut sat.mom,
                )
            } else {
                acc.iter()
                    .map(|&s| {
                        let (v, st) = requantize(
                            s as i64,
                            f.act_frac + f.err_frac,
                            f.mom_frac,
                            f.rounding,
                            0,
                        );
                        sat.mom += st as u64;
                        v
                    })
                    .collect()
            };
            // The update unit, in drain order (the LFSR order).
            let layer = &mut self.layers[l];
            let (sm, sw) = update_layer(
                &mut layer.w,
                &mut layer.v,
                &g,
                &self.order[l],
                n_in * n_out,
                regs,
                &mut self.lfsr,
            );
            sat.mom += sm;
            sat.weight += sw;
            // δ of the layer below: dA ⊙ f′(a), a = this layer's input.
            if let Some(da) = da {
                let kind = self.activations[l - 1];
                delta = da;
                for (drow, arow) in delta.chunks_exact_mut(n_in).zip(xa.chunks_exact(n_in + 1)) {
                    for (d, &a) in drow.iter_mut().zip(arow) {
                        let (v, st) = act_derivative(kind, a, *d, &self.act_tables);
                        sat.err += st as u64;
                        *d = v;
                    }
                }
            }
        }
        add_sat(&mut self.sat, &sat);
        StepStats {
            loss: loss / b.max(1) as f64,
            correct,
            sat,
        }
    }

    /// Output logits (activation format) of `n` samples, in chunks of 256.
    pub fn logits(&self, x: &[i32], n: usize) -> Vec<i32> {
        let d = self.layers[0].n_in;
        let mut out = Vec::new();
        let mut sat = SatCounters::default();
        for start in (0..n).step_by(256) {
            let m = (n - start).min(256);
            out.extend(
                self.forward(&x[start * d..(start + m) * d], m, &mut sat)
                    .out,
            );
        }
        out
    }

    /// Predicted classes (argmax of the logits, lowest index on ties).
    pub fn predict(&self, x: &[i32], n: usize) -> Vec<usize> {
        let k = self.layers.last().expect("≥ 1 layer").n_out;
        self.logits(x, n).chunks_exact(k).map(argmax).collect()
    }

    /// Fraction of (`x`, `labels`) classified correctly.
    pub fn accuracy(&self, x: &[i32], labels: &[u8]) -> f64 {
        if labels.is_empty() {
            return 0.0;
        }
        let p = self.predict(x, labels.len());
        p.iter()
            .zip(labels)
            .filter(|(p, &l)| **p == l as usize)
            .count() as f64
            / labels.len() as f64
    }

    /// The parameters as reals (weights and biases), in the init layout.
    pub fn to_layers_f64(&self) -> Vec<LayerInit> {
        let wf = self.cfg.fixed.weight_frac;
        self.layers
            .iter()
            .map(|l| {
                let r = |v: &i32| crate::fixed::to_real(*v as i64, wf);
                LayerInit {
                    n_in: l.n_in,
                    n_out: l.n_out,
                    w: l.w[..l.n_in * l.n_out].iter().map(r).collect(),
                    b: l.w[l.n_in * l.n_out..].iter().map(r).collect(),
                }
            })
            .collect()
    }

    /// Whether update rounding consumes LFSR words.
    pub fn uses_lfsr(&self) -> bool {
        self.cfg.fixed.update_rounding == Rounding::Stochastic
    }
}

/// Golden model files: [`FixedState`]'s tensors, plus the saturation counters in metadata
/// `saturations` (so a resumed run reports the same counts as an uninterrupted one; zero when absent).
impl EngineState for Net {
    const FIXED_POINT: bool = true;

    fn write_tensors(&self, cfg: &Config, mf: &mut ModelFile) -> anyhow::Result<()> {
        self.to_state().write_tensors(cfg, mf)?;
        mf.metadata
            .insert(SATURATIONS.into(), serde_json::to_string(&self.sat)?);
        Ok(())
    }

    fn read_tensors(mf: &ModelFile, cfg: &Config, progress: &Progress) -> anyhow::Result<Self> {
        let mut net = Net::from_state(cfg, &FixedState::read_tensors(mf, cfg, progress)?)?;
        if let Some(s) = mf.metadata.get(SATURATIONS) {
            net.sat = serde_json::from_str(s)
                .map_err(|e| anyhow::anyhow!("metadata '{SATURATIONS}' is not valid: {e}"))?;
        }
        Ok(net)
    }

    fn tensor_names(cfg: &Config) -> Vec<String> {
        FixedState::tensor_names(cfg)
    }
}

const SATURATIONS: &str = "saturations";

/// `acc += d`, field by field.
pub fn add_sat(acc: &mut SatCounters, d: &SatCounters) {
    acc.acc += d.acc;
    acc.act += d.act;
    acc.err += d.err;
    acc.mom += d.mom;
    acc.weight += d.weight;
}
