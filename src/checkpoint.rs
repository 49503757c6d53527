//! Saved models and checkpoints: an engine's trainable state plus run progress, as a
//! [`ModelFile`] (safetensors; see [`crate::model_io`]).
//!
//! # Layout (format version 1)
//! Tensors (layer `i` maps `n_in = layers[i]` inputs to `n_out = layers[i+1]` outputs):
//!
//! | name | shape | float engine | fixed-point engines |
//! |---|---|---|---|
//! | `layers.{i}.weight` | `[n_in, n_out]` row-major, `w[k][j]` joins input k to output j | F32 | I16 raw, `frac.layers.{i}.weight` |
//! | `layers.{i}.bias` | `[n_out]` | F32 | I16 raw, `frac.layers.{i}.bias` |
//! | `optim.{i}.weight.{buf}`, `optim.{i}.bias.{buf}` | as the parameter | F32 | I16 raw, `frac.optim.…` |
//! | `lfsr_state` | `[1]` | — | U32 |
//!
//! `{buf}` is `momentum` (optimizers `momentum`, `momentum_ema`), `rmsprop_s` (`rmsprop`), `adam_m` and
//! `adam_v` (`adam`); `sgd` has none. A fixed-point value is `raw · 2^-frac`.
//!
//! Metadata (all strings): `mlp_rtl.format_version` (`1`), `engine` (`float`, `golden`, …),
//! `format` (`f32` or `fixed16`), `config` (the run's config as TOML), `epoch` (epochs completed),
//! `step` (optimizer steps taken), `seed`, `layers` (JSON widths), `optimizer` (the kind),
//! `history` (JSON per-epoch statistics) and the `frac.<tensor>` keys of fixed-point files; golden
//! files also hold `saturations` (JSON saturation counters of the run so far, restored on resume).
//!
//! # Engines
//! An engine plugs in by implementing [`EngineState`] (tensors ↔ state). The float engine's state is
//! [`Trainer<f32>`]; every fixed-point engine (golden, rtl, verilator) converts its state to and from
//! [`FixedState`], which already implements it; the golden [`crate::golden::Net`] implements it by
//! delegating to [`FixedState`].

use crate::config::{Config, OptimizerKind};
use crate::model_io::{ModelFile, TensorData};
use crate::reference::init::LayerInit;
use crate::reference::{Mlp, Trainer};
use crate::report::EpochStats;
use crate::Engine;
use anyhow::{bail, Context};
use std::path::Path;

/// The format version written to `mlp_rtl.format_version`.
pub const FORMAT_VERSION: u32 = 1;
pub const VERSION_KEY: &str = "mlp_rtl.format_version";

/// How far a run got: epochs completed, optimizer steps taken, statistics of each epoch.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub epoch: usize,
    pub step: u64,
    pub history: Vec<EpochStats>,
}

/// The common metadata of a model file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub engine: Engine,
    /// The config of the run that wrote the file.
    pub config: Config,
    pub progress: Progress,
}

/// One engine's trainable state, to and from the tensors of a model file.
pub trait EngineState: Sized {
    /// True for raw-integer (`fixed16`) files, false for `f32` ones.
    const FIXED_POINT: bool;
    /// Adds the state's tensors (and their `frac.*` metadata) to `mf`, shaped for `cfg`.
    fn write_tensors(&self, cfg: &Config, mf: &mut ModelFile) -> anyhow::Result<()>;
    /// Reads the state back from `mf`, checking every tensor's name, shape and dtype against `cfg`.
    /// `progress` is the file's header (e.g. the optimizer step count).
    fn read_tensors(mf: &ModelFile, cfg: &Config, progress: &Progress) -> anyhow::Result<Self>;
    /// The names of every tensor `write_tensors` writes for `cfg` (extra tensors are an error).
    fn tensor_names(cfg: &Config) -> Vec<String>;
}

/// `(n_in, n_out)` of every layer.
pub fn layer_dims(cfg: &Config) -> Vec<(usize, usize)> {
    cfg.model.layers.windows(2).map(|p| (p[0], p[1])).collect()
}

pub fn weight_name(i: usize) -> String {
    format!("layers.{i}.weight")
}

pub fn bias_name(i: usize) -> String {
    format!("layers.{i}.bias")
}

/// The optimizer-state buffer `buf` of layer `i`'s weight (`bias = false`) or bias.
pub fn optim_name(i: usize, bias: bool, buf: &str) -> String {
    format!("optim.{i}.{}.{buf}", if bias { "bias" } else { "weight" })
}

/// The metadata key holding a fixed-point tensor's fraction bits.
pub fn frac_key(tensor: &str) -> String {
    format!("frac.{tensor}")
}

/// The optimizer-state buffers of `kind`: (name, which slot: false = `m`, true = `v`).
pub fn float_buffers(kind: OptimizerKind) -> &'static [(&'static str, bool)] {
    match kind {
        OptimizerKind::Sgd => &[],
        OptimizerKind::Momentum | OptimizerKind::MomentumEma => &[("momentum", false)],
        OptimizerKind::Rmsprop => &[("rmsprop_s", true)],
        OptimizerKind::Adam => &[("adam_m", false), ("adam_v", true)],
    }
}

fn optimizer_name(kind: OptimizerKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// The whole file for `state` of `engine` after `progress`, trained with `cfg`.
pub fn to_model_file<S: EngineState>(
    state: &S,
    engine: Engine,
    cfg: &Config,
    progress: &Progress,
) -> anyhow::Result<ModelFile> {
    if S::FIXED_POINT != engine.is_fixed_point() {
        bail!("the {engine} engine does not store this kind of state");
    }
    let mut mf = ModelFile::default();
    let m = &mut mf.metadata;
    m.insert(VERSION_KEY.into(), FORMAT_VERSION.to_string());
    m.insert("engine".into(), engine.name().into());
    m.insert(
        "format".into(),
        if S::FIXED_POINT { "fixed16" } else { "f32" }.into(),
    );
    m.insert("config".into(), cfg.to_toml());
    m.insert("epoch".into(), progress.epoch.to_string());
    m.insert("step".into(), progress.step.to_string());
    m.insert("seed".into(), cfg.train.seed.to_string());
    m.insert("layers".into(), serde_json::to_string(&cfg.model.layers)?);
    m.insert("optimizer".into(), optimizer_name(cfg.optimizer.kind));
    m.insert("history".into(), serde_json::to_string(&progress.history)?);
    state.write_tensors(cfg, &mut mf)?;
    Ok(mf)
}

fn meta_num<N: std::str::FromStr>(mf: &ModelFile, key: &str) -> anyhow::Result<N> {
    let s = mf.meta(key)?;
    s.parse()
        .map_err(|_| anyhow::anyhow!("metadata '{key}' is '{s}', not a number"))
}

/// Reads and checks the common metadata (version, engine, config, progress).
pub fn read_header(mf: &ModelFile) -> anyhow::Result<Header> {
    let v: u32 =
        meta_num(mf, VERSION_KEY).context("not an mlp-rtl model file (no format version)")?;
    if v != FORMAT_VERSION {
        bail!("format version {v}: this mlp-rtl reads version {FORMAT_VERSION}");
    }
    let engine =
        Engine::parse(mf.meta("engine")?).map_err(|e| anyhow::anyhow!("metadata 'engine': {e}"))?;
    let config = Config::from_toml_str(mf.meta("config")?)
        .map_err(|e| anyhow::anyhow!("metadata 'config': {e}"))?;
    let history = match mf.metadata.get("history") {
        None => Vec::new(),
        Some(h) => serde_json::from_str(h)
            .map_err(|e| anyhow::anyhow!("metadata 'history' is not valid: {e}"))?,
    };
    Ok(Header {
        engine,
        config,
        progress: Progress {
            epoch: meta_num(mf, "epoch")?,
            step: meta_num(mf, "step")?,
            history,
        },
    })
}

/// The state and header of `mf`, its tensors checked against `cfg` (shapes, dtypes, fraction bits,
/// no missing and no extra tensors) and its engine kind against `S`.
pub fn from_model_file<S: EngineState>(
    mf: &ModelFile,
    cfg: &Config,
) -> anyhow::Result<(S, Header)> {
    let h = read_header(mf)?;
    if h.engine.is_fixed_point() != S::FIXED_POINT {
        bail!(
            "the file holds a {} model (engine {}), expected a {} one",
            if h.engine.is_fixed_point() {
                "fixed-point"
            } else {
                "float"
            },
            h.engine,
            if S::FIXED_POINT {
                "fixed-point"
            } else {
                "float"
            }
        );
    }
    let want = S::tensor_names(cfg);
    if let Some(t) = mf.tensors.iter().find(|t| !want.contains(&t.name)) {
        bail!(
            "tensor '{}' is not part of a {} model with this config ({} optimizer, {} layers)",
            t.name,
            h.engine,
            optimizer_name(cfg.optimizer.kind),
            cfg.model.layers.len() - 1
        );
    }
    let s = S::read_tensors(mf, cfg, &h.progress)?;
    Ok((s, h))
}

/// Errors unless `run` equals `file` in every field but `train.epochs`, naming the first field that
/// differs (a resumed run must be the same run).
pub fn check_same_run(file: &Config, run: &Config) -> anyhow::Result<()> {
    let mut a = serde_json::to_value(file)?;
    let mut b = serde_json::to_value(run)?;
    a["train"]["epochs"] = 0.into();
    b["train"]["epochs"] = 0.into();
    if let Some((field, x, y)) = first_difference(&a, &b, "") {
        bail!(
            "the file's config differs from this run's at {field} (file {x}, run {y}); only train.epochs may change on --resume"
        );
    }
    Ok(())
}

fn first_difference(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: &str,
) -> Option<(String, String, String)> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let null = Value::Null;
                let d = first_difference(
                    x.get(k.as_str()).unwrap_or(&null),
                    y.get(k.as_str()).unwrap_or(&null),
                    &p,
                );
                if d.is_some() {
                    return d;
                }
            }
            None
        }
        _ if a == b => None,
        _ => Some((path.to_string(), a.to_string(), b.to_string())),
    }
}

/// The weights and biases of any model file (float, or fixed-point converted as `raw · 2^-frac`) in
/// the layout of the initialisation, checked against `cfg.model.layers`: the `--init` path.
pub fn init_layers(mf: &ModelFile, cfg: &Config) -> anyhow::Result<Vec<LayerInit>> {
    let v: u32 =
        meta_num(mf, VERSION_KEY).context("not an mlp-rtl model file (no format version)")?;
    if v != FORMAT_VERSION {
        bail!("format version {v}: this mlp-rtl reads version {FORMAT_VERSION}");
    }
    layer_dims(cfg)
        .into_iter()
        .enumerate()
        .map(|(i, (n_in, n_out))| {
            Ok(LayerInit {
                n_in,
                n_out,
                w: real_values(mf, &weight_name(i), &[n_in, n_out])?,
                b: real_values(mf, &bias_name(i), &[n_out])?,
            })
        })
        .collect()
}

/// A tensor's real values: F32 as is, I16 as `raw · 2^-frac` with its `frac.<name>` metadata.
pub fn real_values(mf: &ModelFile, name: &str, shape: &[usize]) -> anyhow::Result<Vec<f64>> {
    let t = mf
        .tensors
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| anyhow::anyhow!("tensor '{name}' is missing"))?;
    let v: Vec<f64> = match &t.data {
        TensorData::F32(_) => f32_values(mf, name, shape)?
            .iter()
            .map(|&x| x as f64)
            .collect(),
        TensorData::I16(_) => {
            let frac = file_frac(mf, name)?;
            i16_values(mf, name, shape)?
                .iter()
                .map(|&r| crate::fixed::to_real(r as i64, frac))
                .collect()
        }
        other => bail!(
            "tensor '{name}' has dtype {}, expected F32 or I16",
            other.dtype_name()
        ),
    };
    Ok(v)
}

/// The fraction bits of fixed-point tensor `name` (metadata `frac.<name>`).
pub fn file_frac(mf: &ModelFile, name: &str) -> anyhow::Result<u32> {
    let key = frac_key(name);
    let f: u32 =
        meta_num(mf, &key).with_context(|| format!("tensor '{name}' has no fraction bits"))?;
    if f > 15 {
        bail!("tensor '{name}': {key} = {f} does not fit a 16-bit operand");
    }
    Ok(f)
}

/// Errors unless fixed-point tensor `name` has `frac` fraction bits.
pub fn check_frac(mf: &ModelFile, name: &str, frac: u32) -> anyhow::Result<()> {
    let f = file_frac(mf, name)?;
    if f != frac {
        bail!(
            "tensor '{name}' has {f} fraction bits ({}), the config needs {frac}",
            frac_key(name)
        );
    }
    Ok(())
}

/// [`init_layers`] for a fixed-point engine (the `--init` path): the I16 tensors of a fixed-point
/// file must have `cfg.fixed.weight_frac` fraction bits, so quantizing the returned reals to that
/// format gives back the raw values exactly; a float file's values are returned as they are (to be
/// quantized, round to nearest).
pub fn init_layers_fixed(mf: &ModelFile, cfg: &Config) -> anyhow::Result<Vec<LayerInit>> {
    for i in 0..layer_dims(cfg).len() {
        for name in [weight_name(i), bias_name(i)] {
            if let Some(t) = mf.tensors.iter().find(|t| t.name == name) {
                if matches!(t.data, TensorData::I16(_)) {
                    check_frac(mf, &name, cfg.fixed.weight_frac)?;
                }
            }
        }
    }
    init_layers(mf, cfg)
}

/// F32 tensor `name` of `shape`, every value finite.
pub fn f32_values(mf: &ModelFile, name: &str, shape: &[usize]) -> anyhow::Result<Vec<f32>> {
    let TensorData::F32(v) = mf.get(name, shape, "F32")? else {
        unreachable!("get checked the dtype")
    };
    if let Some(p) = v.iter().position(|x| !x.is_finite()) {
        bail!("tensor '{name}' holds a non-finite value ({}) at {p}", v[p]);
    }
    Ok(v.clone())
}

pub fn i16_values(mf: &ModelFile, name: &str, shape: &[usize]) -> anyhow::Result<Vec<i16>> {
    let TensorData::I16(v) = mf.get(name, shape, "I16")? else {
        unreachable!("get checked the dtype")
    };
    Ok(v.clone())
}

// ---------------------------------------------------------------------------------------------
// The float engine: `Trainer<f32>` (parameters and optimizer state).

impl EngineState for Trainer<f32> {
    const FIXED_POINT: bool = false;

    fn write_tensors(&self, cfg: &Config, mf: &mut ModelFile) -> anyhow::Result<()> {
        let dims = layer_dims(cfg);
        if dims.len() != self.mlp.layers.len() {
            bail!(
                "the network has {} layers, the config {}",
                self.mlp.layers.len(),
                dims.len()
            );
        }
        for (i, l) in self.mlp.layers.iter().enumerate() {
            mf.push(
                &weight_name(i),
                &[l.n_in, l.n_out],
                TensorData::F32(l.w.clone()),
            );
            mf.push(&bias_name(i), &[l.n_out], TensorData::F32(l.b.clone()));
            for &(buf, second) in float_buffers(cfg.optimizer.kind) {
                for (bias, slot, shape) in [
                    (false, &self.opt.w[i], vec![l.n_in, l.n_out]),
                    (true, &self.opt.b[i], vec![l.n_out]),
                ] {
                    let data = if second { &slot.v } else { &slot.m };
                    mf.push(
                        &optim_name(i, bias, buf),
                        &shape,
                        TensorData::F32(data.clone()),
                    );
                }
            }
        }
        mf.metadata
            .insert("step".into(), self.opt.steps.to_string());
        Ok(())
    }

    fn read_tensors(mf: &ModelFile, cfg: &Config, progress: &Progress) -> anyhow::Result<Self> {
        let mut layers = Vec::new();
        for (i, (n_in, n_out)) in layer_dims(cfg).into_iter().enumerate() {
            layers.push(LayerInit {
                n_in,
                n_out,
                w: f32_values(mf, &weight_name(i), &[n_in, n_out])?
                    .iter()
                    .map(|&x| x as f64)
                    .collect(),
                b: f32_values(mf, &bias_name(i), &[n_out])?
                    .iter()
                    .map(|&x| x as f64)
                    .collect(),
            });
        }
        // f32 → f64 → f32 is exact.
        let mut tr = Trainer::from_mlp(Mlp::<f32>::from_init(&layers, cfg), cfg);
        tr.opt.steps = progress.step;
        for (i, (n_in, n_out)) in layer_dims(cfg).into_iter().enumerate() {
            for &(buf, second) in float_buffers(cfg.optimizer.kind) {
                for (bias, shape) in [(false, vec![n_in, n_out]), (true, vec![n_out])] {
                    let v = f32_values(mf, &optim_name(i, bias, buf), &shape)?;
                    let slot = if bias {
                        &mut tr.opt.b[i]
                    } else {
                        &mut tr.opt.w[i]
                    };
                    *(if second { &mut slot.v } else { &mut slot.m }) = v;
                }
            }
        }
        Ok(tr)
    }

    fn tensor_names(cfg: &Config) -> Vec<String> {
        let mut v = Vec::new();
        for i in 0..layer_dims(cfg).len() {
            v.push(weight_name(i));
            v.push(bias_name(i));
            for &(buf, _) in float_buffers(cfg.optimizer.kind) {
                v.push(optim_name(i, false, buf));
                v.push(optim_name(i, true, buf));
            }
        }
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed-point engines: raw 16-bit weights and momentum, and the stochastic-rounding LFSR.

/// One layer of a fixed-point engine, in the hardware's augmented form.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedLayer {
    pub n_in: usize,
    pub n_out: usize,
    /// `W_aug`: `(n_in + 1) × n_out` raw values, row-major; rows `0..n_in` are the weights, row
    /// `n_in` the bias. `cfg.fixed.weight_frac` fraction bits; every value in the 16-bit range.
    pub w_aug: Vec<i32>,
    /// The momentum `V`, the same shape as `w_aug` (`cfg.fixed.mom_frac` fraction bits). Not stored
    /// under `sgd` (read back as zeros).
    pub v: Vec<i32>,
}

/// The trainable state of every fixed-point engine (golden, rtl, verilator).
#[derive(Debug, Clone, PartialEq)]
pub struct FixedState {
    pub layers: Vec<FixedLayer>,
    /// The stochastic-rounding LFSR ([`crate::fixed::lfsr::Lfsr::state`]).
    pub lfsr_state: u32,
}

fn uses_momentum(kind: OptimizerKind) -> bool {
    matches!(kind, OptimizerKind::Momentum | OptimizerKind::MomentumEma)
}

fn to_i16(name: &str, v: &[i32]) -> anyhow::Result<Vec<i16>> {
    v.iter()
        .enumerate()
        .map(|(p, &x)| {
            i16::try_from(x).map_err(|_| {
                anyhow::anyhow!("tensor '{name}': value {x} at {p} is outside the 16-bit range")
            })
        })
        .collect()
}

impl FixedState {
    /// Kaiming weights quantised to `cfg.fixed.weight_frac` (round to nearest, saturate), zero
    /// momentum, LFSR at its seed: the start of every fixed-point run.
    pub fn from_layers(layers: &[LayerInit], cfg: &Config) -> FixedState {
        let q = |x: f64| crate::fixed::quantize(x, cfg.fixed.weight_frac).0;
        FixedState {
            layers: layers
                .iter()
                .map(|l| FixedLayer {
                    n_in: l.n_in,
                    n_out: l.n_out,
                    w_aug: l.w.iter().chain(&l.b).map(|&x| q(x)).collect(),
                    v: vec![0; (l.n_in + 1) * l.n_out],
                })
                .collect(),
            lfsr_state: crate::fixed::lfsr::Lfsr::new(cfg.fixed.lfsr_seed).state,
        }
    }
}

impl EngineState for FixedState {
    const FIXED_POINT: bool = true;

    fn write_tensors(&self, cfg: &Config, mf: &mut ModelFile) -> anyhow::Result<()> {
        let dims = layer_dims(cfg);
        if dims.len() != self.layers.len() {
            bail!(
                "the network has {} layers, the config {}",
                self.layers.len(),
                dims.len()
            );
        }
        let (wf, mf_) = (cfg.fixed.weight_frac, cfg.fixed.mom_frac);
        for (i, l) in self.layers.iter().enumerate() {
            let split = l.n_in * l.n_out;
            let mut put = |name: String, shape: &[usize], vals: &[i32], frac: u32| {
                let raw = to_i16(&name, vals)?;
                mf.push(&name, shape, TensorData::I16(raw));
                mf.metadata.insert(frac_key(&name), frac.to_string());
                anyhow::Ok(())
            };
            if l.w_aug.len() != split + l.n_out {
                bail!(
                    "layer {i}: W_aug has {} values, not ({} + 1) × {}",
                    l.w_aug.len(),
                    l.n_in,
                    l.n_out
                );
            }
            put(weight_name(i), &[l.n_in, l.n_out], &l.w_aug[..split], wf)?;
            put(bias_name(i), &[l.n_out], &l.w_aug[split..], wf)?;
            if uses_momentum(cfg.optimizer.kind) {
                if l.v.len() != l.w_aug.len() {
                    bail!(
                        "layer {i}: V has {} values, W_aug {}",
                        l.v.len(),
                        l.w_aug.len()
                    );
                }
                put(
                    optim_name(i, false, "momentum"),
                    &[l.n_in, l.n_out],
                    &l.v[..split],
                    mf_,
                )?;
                put(
                    optim_name(i, true, "momentum"),
                    &[l.n_out],
                    &l.v[split..],
                    mf_,
                )?;
            }
        }
        mf.push("lfsr_state", &[1], TensorData::U32(vec![self.lfsr_state]));
        Ok(())
    }

    fn read_tensors(mf: &ModelFile, cfg: &Config, _: &Progress) -> anyhow::Result<Self> {
        let read = |name: String, shape: &[usize], frac: u32| -> anyhow::Result<Vec<i32>> {
            let v = i16_values(mf, &name, shape)?;
            check_frac(mf, &name, frac)?;
            Ok(v.into_iter().map(i32::from).collect())
        };
        let (wf, mfr) = (cfg.fixed.weight_frac, cfg.fixed.mom_frac);
        let mut layers = Vec::new();
        for (i, (n_in, n_out)) in layer_dims(cfg).into_iter().enumerate() {
            let mut w_aug = read(weight_name(i), &[n_in, n_out], wf)?;
            w_aug.extend(read(bias_name(i), &[n_out], wf)?);
            let v = if uses_momentum(cfg.optimizer.kind) {
                let mut v = read(optim_name(i, false, "momentum"), &[n_in, n_out], mfr)?;
                v.extend(read(optim_name(i, true, "momentum"), &[n_out], mfr)?);
                v
            } else {
                vec![0; w_aug.len()]
            };
            layers.push(FixedLayer {
                n_in,
                n_out,
                w_aug,
                v,
            });
        }
        let TensorData::U32(l) = mf.get("lfsr_state", &[1], "U32")? else {
            unreachable!("get checked the dtype")
        };
        if l[0] == 0 {
            bail!("tensor 'lfsr_state' is 0 (an LFSR seeded with 0 stays 0)");
        }
        Ok(FixedState {
            layers,
            lfsr_state: l[0],
        })
    }

    fn tensor_names(cfg: &Config) -> Vec<String> {
        let mut v = vec!["lfsr_state".to_string()];
        for i in 0..layer_dims(cfg).len() {
            v.push(weight_name(i));
            v.push(bias_name(i));
            if uses_momentum(cfg.optimizer.kind) {
                v.push(optim_name(i, false, "momentum"));
                v.push(optim_name(i, true, "momentum"));
            }
        }
        v
    }
}

/// Saves `state` atomically to `path` (see [`to_model_file`]).
pub fn save<S: EngineState>(
    path: &Path,
    state: &S,
    engine: Engine,
    cfg: &Config,
    progress: &Progress,
) -> anyhow::Result<()> {
    to_model_file(state, engine, cfg, progress)?.save(path)
}

/// Loads `path` as a model file of state `S` checked against `cfg`; errors start with the path.
pub fn load<S: EngineState>(path: &Path, cfg: &Config) -> anyhow::Result<(S, Header)> {
    let mf = ModelFile::load(path)?;
    from_model_file(&mf, cfg).with_context(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::reference::train::{train_from, Start};

    fn digits() -> (data::Dataset, data::Dataset) {
        data::split(&data::digits(), 0.2, 0)
    }

    fn trained(cfg: &Config) -> (Trainer<f32>, Vec<EpochStats>) {
        let (tr, te) = digits();
        let (r, t) = train_from::<f32>(cfg, &tr, &te, true, None, &mut |_, _| Ok(())).unwrap();
        (t, r.history)
    }

    fn progress(t: &Trainer<f32>, h: &[EpochStats]) -> Progress {
        Progress {
            epoch: h.len(),
            step: t.opt.steps,
            history: h.to_vec(),
        }
    }

    #[test]
    fn float_roundtrip_is_bit_exact_for_every_optimizer() {
        for kind in [
            OptimizerKind::Sgd,
            OptimizerKind::Momentum,
            OptimizerKind::MomentumEma,
            OptimizerKind::Rmsprop,
            OptimizerKind::Adam,
        ] {
            let mut cfg = Config::preset("tiny").unwrap();
            cfg.train.epochs = 1;
            cfg.optimizer.kind = kind;
            cfg.optimizer.lr = 0.01;
            let (t, h) = trained(&cfg);
            let mf = to_model_file(&t, Engine::Float, &cfg, &progress(&t, &h)).unwrap();
            let back = ModelFile::from_bytes(&mf.to_bytes().unwrap(), "x").unwrap();
            assert_eq!(back, mf);
            let (t2, hd): (Trainer<f32>, _) = from_model_file(&back, &cfg).unwrap();
            assert_eq!(t2.mlp, t.mlp, "{kind:?}");
            assert_eq!(t2.opt, t.opt, "{kind:?}");
            assert_eq!(hd.progress, progress(&t, &h));
            assert_eq!(hd.config, cfg);
            assert_eq!(hd.engine, Engine::Float);
            let n = 4 + 4 * float_buffers(kind).len();
            assert_eq!(mf.tensors.len(), n, "{kind:?}");
        }
    }

    #[test]
    fn resume_from_a_checkpoint_equals_an_uninterrupted_run() {
        let (tr, te) = digits();
        let mut cfg = Config::preset("tiny").unwrap();
        cfg.train.epochs = 4;
        cfg.train.dropout = 0.1;
        cfg.optimizer.kind = OptimizerKind::Adam;
        cfg.optimizer.lr = 0.003;
        let mut at2 = None;
        let (full, t_full) = train_from::<f32>(&cfg, &tr, &te, true, None, &mut |t, h| {
            if h.len() == 2 {
                at2 = Some(to_model_file(t, Engine::Float, &cfg, &progress(t, h)).unwrap());
            }
            Ok(())
        })
        .unwrap();
        let mf = at2.unwrap();
        let (t, h): (Trainer<f32>, _) = from_model_file(&mf, &cfg).unwrap();
        let start = Start {
            trainer: t,
            epoch: h.progress.epoch,
            history: h.progress.history,
        };
        let (res, t_res) =
            train_from::<f32>(&cfg, &tr, &te, true, Some(start), &mut |_, _| Ok(())).unwrap();
        assert_eq!(t_res.mlp, t_full.mlp);
        assert_eq!(t_res.opt, t_full.opt);
        assert_eq!(res.history, full.history);
        assert_eq!(res.steps, full.steps);
    }

    fn fixed_sample(cfg: &Config) -> FixedState {
        let init = crate::reference::init::kaiming(&cfg.model.layers, 3);
        let mut s = FixedState::from_layers(&init, cfg);
        for (k, l) in s.layers.iter_mut().enumerate() {
            for (j, v) in l.v.iter_mut().enumerate() {
                *v = (j as i32 * 37 + k as i32) % 2001 - 1000;
            }
            l.w_aug[0] = -32768;
            l.w_aug[1] = 32767;
        }
        s.lfsr_state = 0xDEAD_BEEF;
        s
    }

    #[test]
    fn fixed_roundtrip_is_bit_exact_and_init_converts() {
        let cfg = Config::preset("tiny").unwrap();
        let s = fixed_sample(&cfg);
        let p = Progress {
            epoch: 2,
            step: 7,
            history: vec![],
        };
        let mf = to_model_file(&s, Engine::Golden, &cfg, &p).unwrap();
        assert_eq!(mf.metadata["frac.layers.0.weight"], "12");
        assert_eq!(mf.metadata["format"], "fixed16");
        let back = ModelFile::from_bytes(&mf.to_bytes().unwrap(), "x").unwrap();
        let (s2, h): (FixedState, _) = from_model_file(&back, &cfg).unwrap();
        assert_eq!(s2, s);
        assert_eq!((h.engine, h.progress), (Engine::Golden, p.clone()));
        // --init of a fixed file into the float engine: raw · 2^-frac.
        let init = init_layers(&back, &cfg).unwrap();
        assert_eq!(init[0].w[0], -8.0);
        assert_eq!(init[0].w[1], 32767.0 / 4096.0);
        assert_eq!(init[1].b[3], s.layers[1].w_aug[8 * 10 + 3] as f64 / 4096.0);
        // A float file is the wrong kind for a fixed state and vice versa.
        let e = from_model_file::<Trainer<f32>>(&back, &cfg).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the file holds a fixed-point model (engine golden), expected a float one"
        );
        // Out-of-range raw values are refused when saving.
        let mut bad = s.clone();
        bad.layers[0].w_aug[5] = 40000;
        let e = to_model_file(&bad, Engine::Golden, &cfg, &p).unwrap_err();
        assert!(
            e.to_string()
                .contains("tensor 'layers.0.weight': value 40000 at 5"),
            "{e}"
        );
        // Fraction bits must match the config.
        let mut other = cfg.clone();
        other.fixed.weight_frac = 10;
        let e = from_model_file::<FixedState>(&back, &other).unwrap_err();
        assert_eq!(
            e.to_string(),
            "tensor 'layers.0.weight' has 12 fraction bits (frac.layers.0.weight), the config needs 10"
        );
    }

    #[test]
    fn bad_files_name_the_tensor_and_the_problem() {
        let mut cfg = Config::preset("tiny").unwrap();
        cfg.train.epochs = 1;
        let (t, h) = trained(&cfg);
        let good = to_model_file(&t, Engine::Float, &cfg, &progress(&t, &h)).unwrap();
        let err = |mf: &ModelFile, cfg: &Config| {
            from_model_file::<Trainer<f32>>(mf, cfg)
                .unwrap_err()
                .to_string()
        };
        // Wrong shape for the config.
        let mut wide = cfg.clone();
        wide.model.layers = vec![64, 16, 10];
        assert_eq!(
            err(&good, &wide),
            "tensor 'layers.0.weight' has shape [64, 8], the config needs [64, 16]"
        );
        // Missing tensor.
        let mut m = good.clone();
        m.tensors.retain(|t| t.name != "optim.1.bias.momentum");
        assert_eq!(err(&m, &cfg), "tensor 'optim.1.bias.momentum' is missing");
        // Wrong dtype.
        let mut m = good.clone();
        m.push("layers.1.bias", &[10], TensorData::I32(vec![0; 10]));
        assert_eq!(
            err(&m, &cfg),
            "tensor 'layers.1.bias' has dtype I32, expected F32"
        );
        // Extra tensor (e.g. another optimizer's state).
        let mut sgd = cfg.clone();
        sgd.optimizer.kind = OptimizerKind::Sgd;
        assert!(err(&good, &sgd)
            .starts_with("tensor 'optim.0.bias.momentum' is not part of a float model"));
        // Non-finite value.
        let mut m = good.clone();
        m.push("layers.0.bias", &[8], TensorData::F32(vec![f32::NAN; 8]));
        assert_eq!(
            err(&m, &cfg),
            "tensor 'layers.0.bias' holds a non-finite value (NaN) at 0"
        );
        // Not an mlp-rtl file / other version / bad metadata.
        let mut m = good.clone();
        m.metadata.remove(VERSION_KEY);
        assert!(err(&m, &cfg).starts_with("not an mlp-rtl model file"));
        let mut m = good.clone();
        m.metadata.insert(VERSION_KEY.into(), "2".into());
        assert_eq!(
            err(&m, &cfg),
            "format version 2: this mlp-rtl reads version 1"
        );
        let mut m = good.clone();
        m.metadata.insert("engine".into(), "gpu".into());
        assert!(err(&m, &cfg).starts_with("metadata 'engine': unknown engine 'gpu'"));
        let mut m = good.clone();
        m.metadata.insert("epoch".into(), "x".into());
        assert_eq!(err(&m, &cfg), "metadata 'epoch' is 'x', not a number");
        // A file written by a fixed-point engine for a float state.
        let mut m = good.clone();
        m.metadata.insert("engine".into(), "golden".into());
        assert!(err(&m, &cfg).starts_with("the file holds a fixed-point model"));
    }

    #[test]
    fn config_differences_are_named() {
        let a = Config::default();
        let mut b = a.clone();
        b.train.epochs = 99;
        check_same_run(&a, &b).unwrap();
        b.optimizer.lr = 0.1;
        assert_eq!(
            check_same_run(&a, &b).unwrap_err().to_string(),
            "the file's config differs from this run's at optimizer.lr (file 0.05, run 0.1); only train.epochs may change on --resume"
        );
        let mut c = a.clone();
        c.schedule = crate::config::Schedule::Multistage {
            every: 5,
            gamma: 0.5,
        };
        let e = check_same_run(&a, &c).unwrap_err().to_string();
        assert!(e.contains("at schedule."), "{e}");
        let mut d = a.clone();
        d.model.layers = vec![64, 16, 10];
        let e = check_same_run(&a, &d).unwrap_err().to_string();
        assert!(
            e.contains("at model.layers (file [64,32,10], run [64,16,10])"),
            "{e}"
        );
    }
}
