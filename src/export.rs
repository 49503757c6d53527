//! `mlp-rtl export`: a model file's weights and biases as memory images for the hardware (one
//! `$readmemh` file per layer) plus a JSON manifest.
//!
//! - Words: 16-bit two's complement, 4 lowercase hex digits per line (`-1` is `ffff`).
//! - Values: a fixed-point file's raw integers as they are; a float file's values quantised to
//!   `cfg.fixed.weight_frac` fraction bits (round to nearest, ties away from zero, saturating; see
//!   [`crate::fixed::quantize`]) with the saturation count in the manifest.
//! - Order of the words: [`memory_image`], the one place that defines the layout.
//! - `manifest.json` is written last: a directory with a manifest is complete. Every file is written
//!   atomically; nothing is written when the model is invalid.

use crate::checkpoint::{self, bias_name, layer_dims, weight_name};
use crate::model_io::{write_atomic, ModelFile, TensorData};
use crate::Config;
use anyhow::{bail, Context};
use serde::Serialize;
use std::path::Path;

/// The name of the layout [`memory_image`] produces (written to the manifest).
pub const LAYOUT: &str = "w_aug_row_major";
/// What [`LAYOUT`] means (written to the manifest).
pub const LAYOUT_DOC: &str =
    "W_aug row-major, (n_in + 1) rows of n_out words: word r*n_out + j is \
     the weight from input r to output j for r < n_in, and the bias of output j for r = n_in";

/// The words of one layer's memory, in order: the single definition of the hardware memory layout.
/// `w` is `n_in × n_out` row-major, `b` has `n_out` entries.
pub fn memory_image(w: &[i16], b: &[i16], n_in: usize, n_out: usize) -> Vec<i16> {
    assert_eq!(w.len(), n_in * n_out, "w is n_in × n_out");
    assert_eq!(b.len(), n_out, "b has n_out entries");
    w.iter().chain(b).copied().collect()
}

/// `$readmemh` text: one 4-digit hex word per line.
pub fn to_hex(words: &[i16]) -> String {
    let mut s = String::with_capacity(words.len() * 5);
    for &w in words {
        s.push_str(&format!("{:04x}\n", w as u16));
    }
    s
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerImage {
    pub layer: usize,
    pub file: String,
    pub n_in: usize,
    pub n_out: usize,
    /// Memory shape: `rows × cols` words.
    pub rows: usize,
    pub cols: usize,
    pub words: usize,
    pub word_bits: u32,
    pub frac: u32,
    /// E.g. `Q3.12` (sign, 3 integer bits, 12 fraction bits).
    pub format: String,
    /// `raw` (fixed-point file) or `quantized_from_f32`.
    pub source: String,
    /// Values that saturated in quantisation (always 0 for raw).
    pub saturated: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    pub format: String,
    pub model: String,
    pub engine: String,
    pub epoch: usize,
    pub encoding: String,
    pub layout: String,
    pub layout_doc: String,
    pub layers: Vec<LayerImage>,
}

/// A tensor as 16-bit raw words with `frac` fraction bits: I16 as is (its `frac.<name>` must equal
/// `frac`), F32 quantised. Returns the words and the number of saturated values.
fn words_of(
    mf: &ModelFile,
    name: &str,
    shape: &[usize],
    frac: u32,
) -> anyhow::Result<(Vec<i16>, usize)> {
    let t = mf
        .tensors
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| anyhow::anyhow!("tensor '{name}' is missing"))?;
    match t.data {
        TensorData::I16(_) => {
            let f = checkpoint::file_frac(mf, name)?;
            if f != frac {
                bail!(
                    "tensor '{name}' has {f} fraction bits, its config says weight_frac = {frac}"
                );
            }
            Ok((checkpoint::i16_values(mf, name, shape)?, 0))
        }
        TensorData::F32(_) => {
            let mut sat = 0;
            let w = checkpoint::f32_values(mf, name, shape)?
                .iter()
                .map(|&x| {
                    let (q, s) = crate::fixed::quantize(x as f64, frac);
                    sat += s as usize;
                    q as i16
                })
                .collect();
            Ok((w, sat))
        }
        _ => bail!(
            "tensor '{name}' has dtype {}, expected F32 or I16",
            t.data.dtype_name()
        ),
    }
}

/// The memory images of every layer of `mf` (file name, hex text) and the manifest.
pub fn images(
    mf: &ModelFile,
    model_name: &str,
) -> anyhow::Result<(Vec<(String, String)>, Manifest)> {
    let h = checkpoint::read_header(mf)?;
    let cfg: &Config = &h.config;
    let frac = cfg.fixed.weight_frac;
    let fixed = h.engine.is_fixed_point();
    let mut files = Vec::new();
    let mut layers = Vec::new();
    for (i, (n_in, n_out)) in layer_dims(cfg).into_iter().enumerate() {
        let (w, s1) = words_of(mf, &weight_name(i), &[n_in, n_out], frac)?;
        let (b, s2) = words_of(mf, &bias_name(i), &[n_out], frac)?;
        let img = memory_image(&w, &b, n_in, n_out);
        let file = format!("layer{i}.hex");
        layers.push(LayerImage {
            layer: i,
            file: file.clone(),
            n_in,
            n_out,
            rows: n_in + 1,
            cols: n_out,
            words: img.len(),
            word_bits: 16,
            frac,
            format: format!("Q{}.{}", 15 - frac, frac),
            source: if fixed { "raw" } else { "quantized_from_f32" }.into(),
            saturated: s1 + s2,
        });
        files.push((file, to_hex(&img)));
    }
    let manifest = Manifest {
        format: "mlp-rtl memory images 1".into(),
        model: model_name.into(),
        engine: h.engine.name().into(),
        epoch: h.progress.epoch,
        encoding: "$readmemh: one 16-bit two's-complement word per line, 4 hex digits".into(),
        layout: LAYOUT.into(),
        layout_doc: LAYOUT_DOC.into(),
        layers,
    };
    Ok((files, manifest))
}

/// Exports `model` into directory `out` (created if missing; refused if it is a file).
pub fn export(model: &Path, out: &Path) -> anyhow::Result<Manifest> {
    if out.exists() && !out.is_dir() {
        bail!("--out {} is a file, not a directory", out.display());
    }
    let mf = ModelFile::load(model)?;
    let (files, manifest) =
        images(&mf, &model.display().to_string()).with_context(|| model.display().to_string())?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (name, text) in &files {
        write_atomic(&out.join(name), text.as_bytes())?;
    }
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    write_atomic(&out.join("manifest.json"), json.as_bytes())?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::{to_model_file, FixedState, Progress};
    use crate::reference::Trainer;
    use crate::Engine;

    #[test]
    fn layout_and_hex() {
        let img = memory_image(&[1, 2, 3, 4, 5, 6], &[-1, -32768, 32767], 2, 3);
        assert_eq!(img, vec![1, 2, 3, 4, 5, 6, -1, -32768, 32767]);
        assert_eq!(to_hex(&img[5..]), "0006\nffff\n8000\n7fff\n");
    }

    #[test]
    fn float_files_are_quantised_fixed_files_exported_raw() {
        let cfg = Config::preset("tiny").unwrap();
        let mut t: Trainer<f32> = Trainer::new(&cfg);
        t.mlp.layers[0].w[0] = 0.5;
        t.mlp.layers[0].w[1] = -100.0; // saturates
        t.mlp.layers[1].b[9] = 1.0 / 8192.0; // half an ulp: rounds away from zero
        let mf = to_model_file(&t, Engine::Float, &cfg, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "m").unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(m.layers[0].saturated, 1);
        assert_eq!(
            (m.layers[1].rows, m.layers[1].cols, m.layers[1].words),
            (9, 10, 90)
        );
        assert_eq!(m.layers[0].format, "Q3.12");
        let lines: Vec<&str> = files[0].1.lines().collect();
        assert_eq!(lines.len(), 65 * 8);
        assert_eq!(&lines[..2], &["0800", "8000"]);
        assert_eq!(files[1].1.lines().last(), Some("0001"));

        let init = crate::reference::init::kaiming(&cfg.model.layers, 1);
        let mut s = FixedState::from_layers(&init, &cfg);
        s.layers[1].w_aug[8 * 10] = -2; // first bias of layer 1
        let mf = to_model_file(&s, Engine::Golden, &cfg, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "g").unwrap();
        assert_eq!(m.layers[1].source, "raw");
        let words: Vec<i16> = files[1]
            .1
            .lines()
            .map(|l| u16::from_str_radix(l, 16).unwrap() as i16)
            .collect();
        let want: Vec<i16> = s.layers[1].w_aug.iter().map(|&x| x as i16).collect();
        assert_eq!(words, want);
        assert_eq!(words[80], -2);
    }
}
