//! The one configuration type of mlp-rtl: topology, training, optimizer, schedule, number formats and
//! array shape. Loaded from TOML (every field optional, defaults below), or from a named preset.
//! `validate()` returns a readable error naming the field; engines add their own checks through
//! [`Config::validate_for_engine`].
//!
//! Weight-decay convention: the loss is `L + λ‖W‖²`, so the gradient gains `2λW` (biases are not
//! decayed). `weight_decay` is λ.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// The embedded default configuration (identical to `Config::default()`; a test pins that).
pub const DEFAULT_TOML: &str = include_str!("../configs/default.toml");

/// The embedded UP5K preset (identical to `Config::preset("up5k")`; a test pins that).
pub const UP5K_TOML: &str = include_str!("../configs/up5k.toml");

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub model: ModelConfig,
    pub train: TrainConfig,
    pub optimizer: OptimizerConfig,
    pub schedule: Schedule,
    pub data: DataConfig,
    pub fixed: FixedConfig,
    pub array: ArrayConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelConfig {
    /// Layer widths, input first, classes last. Default `[64, 32, 10]`.
    pub layers: Vec<usize>,
    /// One activation per hidden layer (`layers.len() - 2` entries). A single entry applies to all.
    pub activations: Vec<Activation>,
    /// Slope of leaky ReLU for negative inputs.
    pub leaky_slope: f64,
    /// Output loss; softmax cross-entropy puts a softmax on the last layer, MSE an identity.
    pub loss: Loss,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    SoftmaxCrossEntropy,
    Mse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    pub seed: u64,
    /// Inverted dropout on hidden activations during training (float engine only).
    pub dropout: f64,
    /// λ in `L + λ‖W‖²` (gradient `+ 2λW`).
    pub weight_decay: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    /// `w ← w − η·g`
    Sgd,
    /// Heavy ball, as in PyTorch: `v ← μ·v + g; w ← w − η·v`
    Momentum,
    /// Exponential moving average: `v ← μ·v + (1−μ)·g; w ← w − η·v`
    MomentumEma,
    /// `s ← ρ·s + (1−ρ)·g²; w ← w − η·g/(√s + ε)` (ρ = `beta2`)
    Rmsprop,
    /// Bias-corrected Adam (Kingma & Ba 2015, Algorithm 1).
    Adam,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptimizerConfig {
    pub kind: OptimizerKind,
    /// Base learning rate η (the schedule scales it).
    pub lr: f64,
    /// μ for both momentum forms (also s in the EMA form).
    pub momentum: f64,
    /// Adam β1.
    pub beta1: f64,
    /// Adam β2, RMSProp ρ.
    pub beta2: f64,
    pub eps: f64,
}

/// Learning-rate schedule. `lr(epoch, iter)` lives in `reference::schedule`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    #[default]
    Constant,
    /// `η·gamma^(epoch / every)` (the lecture's ×0.1 every T epochs).
    Multistage { every: usize, gamma: f64 },
    /// SGDR (Loshchilov & Hutter 2017): `η_min + ½(η − η_min)(1 + cos(π·T_cur/T_i))`,
    /// `T_0 = t0` epochs, `T_i ← T_i·t_mult` at each restart. T_cur counts iterations as fractional epochs.
    Sgdr {
        t0: usize,
        t_mult: usize,
        lr_min: f64,
    },
    /// Triangular cyclical LR (Smith 2017): from `lr_min` up to the base η and back over
    /// `2·half_period` iterations.
    Triangular { lr_min: f64, half_period: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataConfig {
    /// `digits` (embedded), `csv:PATH` or `idx:DIR`.
    pub source: String,
    /// Seed of the fixed stratified train/test split (independent of the training seed).
    pub split_seed: u64,
    pub test_fraction: f64,
}

/// Rounding used where a value narrows (defined once, in `fixed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Floor (drop the discarded bits).
    Truncate,
    /// Round to nearest, ties to even.
    Nearest,
    /// Round up with probability equal to the discarded fraction, random bits from the LFSR.
    Stochastic,
}

/// Number formats. Every operand is a 16-bit two's-complement value; a format is its number of
/// fraction bits (Q(15−f).f plus sign). Accumulators are `acc_bits` wide and saturate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixedConfig {
    /// Fraction bits of weights and biases.
    pub weight_frac: u32,
    /// Fraction bits of activations (and network inputs).
    pub act_frac: u32,
    /// Fraction bits of errors/gradients flowing backward (dY, dX).
    pub err_frac: u32,
    /// Fraction bits of the momentum (velocity) buffer and weight gradients.
    pub mom_frac: u32,
    /// Accumulator width in bits (≤ 32 keeps rust-hdl's simulator on its fast path).
    pub acc_bits: u32,
    /// Rounding where the weight update narrows (the place stochastic rounding matters).
    pub update_rounding: Rounding,
    /// Rounding everywhere else (forward and backward narrowing).
    pub rounding: Rounding,
    /// Seed of the stochastic-rounding LFSR (must be non-zero).
    pub lfsr_seed: u32,
    /// log2 of the number of entries of the sigmoid/tanh tables.
    pub table_log2: u32,
    /// Input range of the sigmoid/tanh tables: [-table_range, +table_range). A power of two.
    pub table_range: f64,
    /// Fraction bits of the 16-bit learning-rate register η (fixed-point engines).
    pub eta_frac: u32,
    /// Fraction bits of the 16-bit momentum registers μ and (1−μ).
    pub mu_frac: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ArrayConfig {
    /// MAC-array rows.
    pub rows: usize,
    /// MAC-array columns.
    pub cols: usize,
}

impl Default for ModelConfig {
    fn default() -> Self {
        ModelConfig {
            layers: vec![64, 32, 10],
            activations: vec![Activation::Relu],
            leaky_slope: 0.0625,
            loss: Loss::SoftmaxCrossEntropy,
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 30,
            batch_size: 32,
            seed: 1,
            dropout: 0.0,
            weight_decay: 1e-4,
        }
    }
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        OptimizerConfig {
            kind: OptimizerKind::Momentum,
            lr: 0.05,
            momentum: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        }
    }
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig {
            source: "digits".into(),
            split_seed: 0,
            test_fraction: 0.2,
        }
    }
}

impl Default for FixedConfig {
    fn default() -> Self {
        FixedConfig {
            weight_frac: 12,
            act_frac: 8,
            err_frac: 14,
            mom_frac: 13,
            acc_bits: 32,
            update_rounding: Rounding::Stochastic,
            rounding: Rounding::Nearest,
            lfsr_seed: 0xACE1,
            table_log2: 11,
            table_range: 8.0,
            eta_frac: 15,
            mu_frac: 15,
        }
    }
}

impl Default for ArrayConfig {
    fn default() -> Self {
        ArrayConfig { rows: 4, cols: 4 }
    }
}

/// A readable configuration error: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid config: {field}: {problem}")]
pub struct ConfigError {
    pub field: String,
    pub problem: String,
}

fn bad(field: &str, problem: impl fmt::Display) -> ConfigError {
    ConfigError {
        field: field.to_string(),
        problem: problem.to_string(),
    }
}

/// Named presets; each sets fields of the same `Config` type.
pub const PRESETS: &[&str] = &["default", "tiny", "up5k"];

impl Config {
    /// A named preset (`default`, `tiny`, `up5k`).
    pub fn preset(name: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        match name {
            "default" => {}
            // A small network for fast tests and demos.
            "tiny" => {
                c.model.layers = vec![64, 8, 10];
                c.train.epochs = 3;
                c.train.batch_size = 8;
            }
            // The iCE40 UP5K (`configs/up5k.toml`): 64-16-10 on a 1×1 array, batch 16 — 8 DSPs and
            // 23 block RAMs of memories (`flow::synth::estimate`), test accuracy 0.961 (golden).
            "up5k" => {
                c.model.layers = vec![64, 16, 10];
                c.train.batch_size = 16;
                c.fixed.table_log2 = 8;
                c.array.rows = 1;
                c.array.cols = 1;
            }
            other => {
                return Err(bad(
                    "preset",
                    format!("unknown preset '{other}' (known: {})", PRESETS.join(", ")),
                ))
            }
        }
        Ok(c)
    }

    /// Parse TOML text (missing fields take their defaults) and validate it.
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        let c: Config = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            let place = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].lines().count().max(1);
                    format!("line {line}: ")
                })
                .unwrap_or_default();
            bad("toml", format!("{place}{msg}"))
        })?;
        c.validate()?;
        Ok(c)
    }

    /// Load a config file, or a preset when `spec` is `preset:NAME`.
    pub fn load(spec: &str) -> anyhow::Result<Config> {
        if let Some(name) = spec.strip_prefix("preset:") {
            return Ok(Config::preset(name)?);
        }
        let path = Path::new(spec);
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read config {}: {e}", path.display()))?;
        Config::from_toml_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("Config always serializes")
    }

    /// Activation of hidden layer `i` (0-based), expanding a single entry to all layers.
    pub fn hidden_activation(&self, i: usize) -> Activation {
        let a = &self.model.activations;
        if a.len() == 1 {
            a[0]
        } else {
            a[i]
        }
    }

    pub fn num_hidden(&self) -> usize {
        self.model.layers.len().saturating_sub(2)
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let m = &self.model;
        if m.layers.len() < 2 {
            return Err(bad(
                "model.layers",
                "needs at least an input and an output width",
            ));
        }
        if let Some(i) = m.layers.iter().position(|&w| w == 0) {
            return Err(bad("model.layers", format!("layer {i} has zero width")));
        }
        if let Some(&w) = m.layers.iter().find(|&&w| w > 65536) {
            return Err(bad("model.layers", format!("width {w} exceeds 65536")));
        }
        if m.layers[m.layers.len() - 1] < 2 {
            return Err(bad(
                "model.layers",
                "the output layer needs at least 2 classes",
            ));
        }
        let nh = self.num_hidden();
        if nh > 0 && m.activations.len() != 1 && m.activations.len() != nh {
            return Err(bad(
                "model.activations",
                format!(
                    "{} entries for {nh} hidden layers (give one for all, or one per hidden layer)",
                    m.activations.len()
                ),
            ));
        }
        if nh > 0 && m.activations.is_empty() {
            return Err(bad("model.activations", "empty"));
        }
        if !(m.leaky_slope.is_finite() && m.leaky_slope > 0.0 && m.leaky_slope < 1.0) {
            return Err(bad("model.leaky_slope", "must be in (0, 1)"));
        }
        let t = &self.train;
        if t.batch_size == 0 {
            return Err(bad("train.batch_size", "must be at least 1"));
        }
        if t.epochs == 0 {
            return Err(bad("train.epochs", "must be at least 1"));
        }
        if !(t.dropout >= 0.0 && t.dropout < 1.0) {
            return Err(bad("train.dropout", "must be in [0, 1)"));
        }
        if !(t.weight_decay >= 0.0 && t.weight_decay.is_finite()) {
            return Err(bad("train.weight_decay", "must be finite and ≥ 0"));
        }
        let o = &self.optimizer;
        if !(o.lr > 0.0 && o.lr.is_finite()) {
            return Err(bad("optimizer.lr", "must be finite and > 0"));
        }
        if !(o.momentum >= 0.0 && o.momentum < 1.0) {
            return Err(bad("optimizer.momentum", "must be in [0, 1)"));
        }
        for (name, v) in [("optimizer.beta1", o.beta1), ("optimizer.beta2", o.beta2)] {
            if !(0.0..1.0).contains(&v) {
                return Err(bad(name, "must be in [0, 1)"));
            }
        }
        if !(o.eps > 0.0 && o.eps.is_finite()) {
            return Err(bad("optimizer.eps", "must be finite and > 0"));
        }
        match &self.schedule {
            Schedule::Constant => {}
            Schedule::Multistage { every, gamma } => {
                if *every == 0 {
                    return Err(bad("schedule.every", "must be at least 1 epoch"));
                }
                if !(*gamma > 0.0 && *gamma <= 1.0) {
                    return Err(bad("schedule.gamma", "must be in (0, 1]"));
                }
            }
            Schedule::Sgdr { t0, t_mult, lr_min } => {
                if *t0 == 0 || *t_mult == 0 {
                    return Err(bad("schedule.t0/t_mult", "must be at least 1"));
                }
                if !(*lr_min >= 0.0 && *lr_min <= o.lr) {
                    return Err(bad("schedule.lr_min", "must be in [0, optimizer.lr]"));
                }
            }
            Schedule::Triangular {
                lr_min,
                half_period,
            } => {
                if *half_period == 0 {
                    return Err(bad("schedule.half_period", "must be at least 1 iteration"));
                }
                if !(*lr_min >= 0.0 && *lr_min <= o.lr) {
                    return Err(bad("schedule.lr_min", "must be in [0, optimizer.lr]"));
                }
            }
        }
        let d = &self.data;
        if !(d.test_fraction > 0.0 && d.test_fraction < 1.0) {
            return Err(bad("data.test_fraction", "must be in (0, 1)"));
        }
        crate::data::DataSource::parse(&d.source).map_err(|e| bad("data.source", e))?;
        let f = &self.fixed;
        for (name, v) in [
            ("fixed.weight_frac", f.weight_frac),
            ("fixed.act_frac", f.act_frac),
            ("fixed.err_frac", f.err_frac),
            ("fixed.mom_frac", f.mom_frac),
        ] {
            if v > 15 {
                return Err(bad(
                    name,
                    format!("{v} fraction bits do not fit a 16-bit operand (max 15)"),
                ));
            }
        }
        if !(16..=32).contains(&f.acc_bits) {
            return Err(bad(
                "fixed.acc_bits",
                format!("{} is outside 16..=32", f.acc_bits),
            ));
        }
        if f.lfsr_seed == 0 {
            return Err(bad(
                "fixed.lfsr_seed",
                "must be non-zero (an LFSR seeded with 0 stays 0)",
            ));
        }
        if !(4..=12).contains(&f.table_log2) {
            return Err(bad("fixed.table_log2", "must be in 4..=12"));
        }
        if !(f.table_range > 0.0 && f.table_range <= 64.0) {
            return Err(bad("fixed.table_range", "must be in (0, 64]"));
        }
        if !(8..=24).contains(&f.eta_frac) {
            return Err(bad("fixed.eta_frac", "must be in 8..=24"));
        }
        if !(8..=15).contains(&f.mu_frac) {
            return Err(bad("fixed.mu_frac", "must be in 8..=15"));
        }
        let a = &self.array;
        if a.rows == 0 || a.cols == 0 {
            return Err(bad("array", "rows and cols must be at least 1"));
        }
        if a.rows > 64 || a.cols > 64 {
            return Err(bad("array", "rows and cols must be at most 64"));
        }
        Ok(())
    }

    /// Checks that the chosen engine can run this config (fixed-point engines support a subset).
    pub fn validate_for_engine(&self, engine: crate::Engine) -> Result<(), ConfigError> {
        self.validate()?;
        if engine.is_fixed_point() {
            if matches!(
                self.optimizer.kind,
                OptimizerKind::Rmsprop | OptimizerKind::Adam
            ) {
                return Err(bad(
                    "optimizer.kind",
                    format!(
                        "{:?} runs on the float engine only; the {} engine supports sgd, momentum, momentum_ema",
                        self.optimizer.kind,
                        engine.name()
                    ),
                ));
            }
            self.validate_fixed_point(engine)?;
            if self.train.dropout != 0.0 {
                return Err(bad(
                    "train.dropout",
                    format!(
                        "dropout runs on the float engine only (the {} engine needs 0)",
                        engine.name()
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl Config {
    /// The checks only the fixed-point engines need: every hyper-parameter register is
    /// representable (not rounded to 0, not saturated), the table geometry is a power of two that
    /// the index shift can address, leaky slopes are shifts, and only the update rounds
    /// stochastically. See `golden` for what each register is.
    fn validate_fixed_point(&self, engine: crate::Engine) -> Result<(), ConfigError> {
        use crate::fixed::quantize_bits;
        let f = &self.fixed;
        let o = &self.optimizer;
        if f.rounding == Rounding::Stochastic {
            return Err(bad(
                "fixed.rounding",
                format!(
                    "the {} engine rounds stochastically only in the weight update (fixed.update_rounding); use nearest or truncate",
                    engine.name()
                ),
            ));
        }
        let log2_range = f.table_range.log2();
        if log2_range.fract() != 0.0 {
            return Err(bad(
                "fixed.table_range",
                format!("{} is not a power of two", f.table_range),
            ));
        }
        let codes_log2 = f.act_frac as f64 + log2_range;
        if (f.table_log2 as f64) > codes_log2 {
            return Err(bad(
                "fixed.table_log2",
                format!(
                    "2^{} entries exceed the 2^{codes_log2} activation codes in [0, table_range)",
                    f.table_log2
                ),
            ));
        }
        let uses = |a: Activation| (0..self.num_hidden()).any(|i| self.hidden_activation(i) == a);
        if uses(Activation::LeakyRelu) {
            let s = -self.model.leaky_slope.log2();
            if s.fract() != 0.0 || !(1.0..=15.0).contains(&s) {
                return Err(bad(
                    "model.leaky_slope",
                    format!(
                        "{} is not 2^-s with s in 1..=15 (the {} engine applies it as a right shift)",
                        self.model.leaky_slope,
                        engine.name()
                    ),
                ));
            }
        }
        let reg = |field: &str, what: &str, x: f64, frac: u32| -> Result<(), ConfigError> {
            let (q, sat) = quantize_bits(x, frac, 16);
            if sat {
                return Err(bad(
                    field,
                    format!(
                        "{what} = {x} does not fit its 16-bit register with {frac} fraction bits"
                    ),
                ));
            }
            if x != 0.0 && q == 0 {
                return Err(bad(
                    field,
                    format!(
                        "{what} = {x} rounds to 0 in its 16-bit register with {frac} fraction bits"
                    ),
                ));
            }
            Ok(())
        };
        reg("optimizer.lr", "the learning rate η", o.lr, f.eta_frac)?;
        let mu = match o.kind {
            OptimizerKind::Sgd => 0.0,
            _ => o.momentum,
        };
        reg("optimizer.momentum", "μ", mu, f.mu_frac)?;
        let decay = 2.0 * self.train.weight_decay;
        // The decay register's format: wd·w lands on the velocity sum's fraction mu_frac + mom_frac.
        if decay > 0.0 && f.mu_frac + f.mom_frac < f.weight_frac {
            return Err(bad(
                "fixed.weight_frac",
                format!(
                    "weight decay needs mu_frac + mom_frac ≥ weight_frac ({} + {} < {})",
                    f.mu_frac, f.mom_frac, f.weight_frac
                ),
            ));
        }
        let decay_frac = (f.mu_frac + f.mom_frac).saturating_sub(f.weight_frac);
        if o.kind == OptimizerKind::MomentumEma {
            reg("optimizer.momentum", "1 − μ", 1.0 - mu, f.mu_frac)?;
            reg(
                "train.weight_decay",
                "(1 − μ)·2λ",
                (1.0 - mu) * decay,
                decay_frac,
            )?;
        } else {
            reg("train.weight_decay", "2λ", decay, decay_frac)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_equals_default() {
        let c = Config::from_toml_str(DEFAULT_TOML).unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn embedded_up5k_equals_preset() {
        let c = Config::from_toml_str(UP5K_TOML).unwrap();
        assert_eq!(c, Config::preset("up5k").unwrap());
        c.validate_for_engine(crate::Engine::Golden).unwrap();
        c.validate_for_engine(crate::Engine::Rtl).unwrap();
    }

    #[test]
    fn empty_toml_gives_defaults_and_roundtrips() {
        assert_eq!(Config::from_toml_str("").unwrap(), Config::default());
        let c = Config::preset("tiny").unwrap();
        assert_eq!(Config::from_toml_str(&c.to_toml()).unwrap(), c);
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            ("[model]\nlayers = [64, 0, 10]", "model.layers"),
            ("[model]\nlayers = [64]", "model.layers"),
            ("[train]\nbatch_size = 0", "train.batch_size"),
            ("[optimizer]\nlr = -1.0", "optimizer.lr"),
            ("[fixed]\nweight_frac = 16", "fixed.weight_frac"),
            ("[fixed]\nlfsr_seed = 0", "fixed.lfsr_seed"),
            (
                "[model]\nactivations = [\"relu\", \"tanh\"]",
                "model.activations",
            ),
            (
                "[schedule]\nkind = \"multistage\"\nevery = 0\ngamma = 0.1",
                "schedule.every",
            ),
            ("[model]\nlayerz = [1]", "toml"),
            ("[model]\nactivations = [\"swish\"]", "toml"),
        ];
        for (text, field) in cases {
            let e = Config::from_toml_str(text).unwrap_err();
            assert_eq!(e.field, field, "for {text:?}: {e}");
            assert!(!e.to_string().contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn unknown_preset_is_an_error() {
        assert!(Config::preset("nope")
            .unwrap_err()
            .to_string()
            .contains("unknown preset"));
    }
}
