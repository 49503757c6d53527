//! `mlp-rtl export`: a model file's weights and biases as memory images for the hardware plus a
//! JSON manifest, in two layouts:
//!
//! - **logical** (`layer{l}.hex`, one per layer): `W_aug` row-major ([`memory_image`], [`LAYOUT`]);
//! - **engine** (`w{l}_bank{b}.hex`, `v{l}_bank{b}.hex`): the physical contents of every bank of the
//!   engine's skewed memories `W[l]` and `V[l]` ([`crate::hw::skew_mem`]), in the order of the bank
//!   arrays of the emitted `engine.v` (word `a` of file `b` is address `a` of bank `b`), computed by
//!   [`SkewLayout::bank_images`] — the layout function the hardware block itself is built from.
//!   Padding words (addresses that hold no element) are 0. `V` holds the model file's momentum
//!   (`optim.{l}.{weight,bias}.momentum`, `cfg.fixed.mom_frac` fraction bits) when it has one, and
//!   zeros otherwise (optimizers without momentum: the engine starts with `V = 0`). The manifest
//!   records the banks, depth, the element → (bank, address) rule and the hierarchical name of each
//!   bank array inside module `engine` ([`crate::hw::engine::bank_array_path`]), so a testbench can
//!   `$readmemh` every file into its bank (after time 0: each bank's own `initial` block clears it
//!   at time 0) and start the engine from the model.
//!
//! - Words: 16-bit two's complement, 4 lowercase hex digits per line (`-1` is `ffff`).
//! - Values: a fixed-point file's raw integers as they are; a float file's values quantised to
//!   `cfg.fixed.weight_frac` (momentum: `mom_frac`) fraction bits (round to nearest, ties away from
//!   zero, saturating; see [`crate::fixed::quantize`]) with the saturation count in the manifest.
//! - `manifest.json` is written last: a directory with a manifest is complete. Every file is written
//!   atomically; nothing is written when the model is invalid.

use crate::checkpoint::{self, bias_name, layer_dims, optim_name, weight_name};
use crate::hw::engine::{bank_array_path, Shape};
use crate::hw::program::Mem;
use crate::hw::skew_mem::SkewLayout;
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

/// The name of the engine layout (manifest `engine_layout`).
pub const ENGINE_LAYOUT: &str = "skew_banks";
/// What [`ENGINE_LAYOUT`] means (written to the manifest).
pub const ENGINE_LAYOUT_DOC: &str =
    "memory W[l] (V[l]) holds the (n_in + 1) x n_out matrix W_aug (the momentum V, same shape) in \
     `banks` banks of `depth` 16-bit words; element (r, c) is at the (bank, address) of the layer's \
     `rule` (crate::hw::skew_mem::SkewLayout::locate). File w{l}_bank{b}.hex (v{l}_bank{b}.hex) \
     holds bank b's words at addresses 0..depth-1, addresses holding no element are 0. The bank's \
     word array is `paths[b]` inside module engine; $readmemh each file into it after time 0 \
     (each bank's own initial block clears it at time 0) and before the first clock edge";

/// One memory (`W[l]` or `V[l]`) of the engine as bank images.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankMemory {
    /// `W0`, `V0`, …
    pub memory: String,
    /// One file per bank, in bank order.
    pub files: Vec<String>,
    /// The hierarchical name of each bank's word array inside module `engine`, in bank order.
    pub paths: Vec<String>,
    pub frac: u32,
    pub format: String,
    /// `raw`, `quantized_from_f32`, or `zeros` (V of a model file without momentum).
    pub source: String,
    /// Values that saturated in quantisation.
    pub saturated: usize,
}

/// A layer's memories in the engine's physical layout ([`SkewLayout`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngineImages {
    pub banks: usize,
    /// Words per bank (every file has this many lines).
    pub depth: usize,
    /// The logical matrix: `rows × cols` = `(n_in + 1) × n_out`.
    pub rows: usize,
    pub cols: usize,
    pub col_major: bool,
    pub shift: u32,
    /// Element → (bank, address), e.g. `(r, c) -> bank (r + c) mod 4, address (r << 2) + (c >> 2)`.
    pub rule: String,
    pub w: BankMemory,
    pub v: BankMemory,
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
    /// The bank images of `W[l]` and `V[l]`; `None` when the config has no engine (see the
    /// manifest's `engine_layout_doc`).
    pub engine: Option<EngineImages>,
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
    /// [`ENGINE_LAYOUT`], or `none` when the config's array is too wide for the engine.
    pub engine_layout: String,
    pub engine_layout_doc: String,
    pub layers: Vec<LayerImage>,
}

/// A tensor as 16-bit raw words with `frac` fraction bits (`frac_key` names the config field in
/// errors): I16 as is (its `frac.<name>` must equal `frac`), F32 quantised. Returns the words and
/// the number of saturated values.
fn words_of(
    mf: &ModelFile,
    name: &str,
    shape: &[usize],
    frac: u32,
    frac_key: &str,
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
                bail!("tensor '{name}' has {f} fraction bits, its config says {frac_key} = {frac}");
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

fn q_format(frac: u32) -> String {
    format!("Q{}.{}", 15 - frac.min(15), frac)
}

/// Bank image files of memory `m` (`W[l]` or `V[l]`, `prefix` `w`/`v`) holding the `rows × cols`
/// row-major `words`: (file name, hex text) per bank, and the manifest entry (source etc. filled
/// by the caller).
fn bank_files(
    lay: &SkewLayout,
    m: Mem,
    nl: usize,
    words: &[i16],
) -> (Vec<(String, String)>, Vec<String>) {
    let (prefix, l) = match m {
        Mem::W(l) => ("w", l),
        Mem::V(l) => ("v", l),
        _ => unreachable!("only W and V are exported"),
    };
    assert_eq!(words.len(), lay.rows * lay.cols);
    let banks = lay.bank_images(|r, c| words[r * lay.cols + c] as u16);
    let files = banks
        .iter()
        .enumerate()
        .map(|(b, img)| {
            let words: Vec<i16> = img.iter().map(|&w| w as i16).collect();
            (format!("{prefix}{l}_bank{b}.hex"), to_hex(&words))
        })
        .collect();
    let paths = (0..lay.p).map(|b| bank_array_path(m, nl, b)).collect();
    (files, paths)
}

/// The memory images of every layer of `mf` (file name, hex text) and the manifest.
pub fn images(
    mf: &ModelFile,
    model_name: &str,
) -> anyhow::Result<(Vec<(String, String)>, Manifest)> {
    let h = checkpoint::read_header(mf)?;
    let cfg: &Config = &h.config;
    let frac = cfg.fixed.weight_frac;
    let mfrac = cfg.fixed.mom_frac;
    let fixed = h.engine.is_fixed_point();
    let source = if fixed { "raw" } else { "quantized_from_f32" };
    let sh = Shape::new(cfg);
    let nl = sh.nl();
    // The engine exists for at most 16 lanes (`hw::engine::Engine::new`).
    let lay_of = |l: usize| -> Result<SkewLayout, String> {
        let (r, c) = sh.dims(Mem::W(l));
        if sh.p > 16 {
            return Err(format!(
                "the {}x{} array needs {} lanes, the engine has at most 16",
                sh.rows, sh.cols, sh.p
            ));
        }
        SkewLayout::try_new(r, c, sh.p)
    };
    let lays: Result<Vec<SkewLayout>, String> = (0..nl).map(lay_of).collect();
    let mut files = Vec::new();
    let mut layers = Vec::new();
    for (i, (n_in, n_out)) in layer_dims(cfg).into_iter().enumerate() {
        let (w, s1) = words_of(mf, &weight_name(i), &[n_in, n_out], frac, "weight_frac")?;
        let (b, s2) = words_of(mf, &bias_name(i), &[n_out], frac, "weight_frac")?;
        let img = memory_image(&w, &b, n_in, n_out);
        let file = format!("layer{i}.hex");
        files.push((file.clone(), to_hex(&img)));
        // V: the momentum tensors if the file has them (both, or it is an error), else zeros.
        let vw_name = optim_name(i, false, "momentum");
        let has_mom = mf.tensors.iter().any(|t| t.name == vw_name);
        let (v, v_sat, v_source) = if has_mom {
            let (vw, s3) = words_of(mf, &vw_name, &[n_in, n_out], mfrac, "mom_frac")?;
            let vb_name = optim_name(i, true, "momentum");
            let (vb, s4) = words_of(mf, &vb_name, &[n_out], mfrac, "mom_frac")?;
            (memory_image(&vw, &vb, n_in, n_out), s3 + s4, source)
        } else {
            (vec![0; img.len()], 0, "zeros")
        };
        let engine = match &lays {
            Ok(lays) => {
                let lay = &lays[i];
                let (wf, wp) = bank_files(lay, Mem::W(i), nl, &img);
                let (vf, vp) = bank_files(lay, Mem::V(i), nl, &v);
                let mem =
                    |name: String, f: &[(String, String)], paths, fr, src: &str, sat| BankMemory {
                        memory: name,
                        files: f.iter().map(|(n, _)| n.clone()).collect(),
                        paths,
                        frac: fr,
                        format: q_format(fr),
                        source: src.into(),
                        saturated: sat,
                    };
                let e = EngineImages {
                    banks: lay.p,
                    depth: lay.depth,
                    rows: lay.rows,
                    cols: lay.cols,
                    col_major: lay.col_major,
                    shift: lay.shift,
                    rule: lay.rule(),
                    w: mem(format!("W{i}"), &wf, wp, frac, source, s1 + s2),
                    v: mem(format!("V{i}"), &vf, vp, mfrac, v_source, v_sat),
                };
                files.extend(wf);
                files.extend(vf);
                Some(e)
            }
            Err(_) => None,
        };
        layers.push(LayerImage {
            layer: i,
            file,
            n_in,
            n_out,
            rows: n_in + 1,
            cols: n_out,
            words: img.len(),
            word_bits: 16,
            frac,
            format: q_format(frac),
            source: source.into(),
            saturated: s1 + s2,
            engine,
        });
    }
    let (engine_layout, engine_layout_doc) = match lays {
        Ok(_) => (ENGINE_LAYOUT.to_string(), ENGINE_LAYOUT_DOC.to_string()),
        Err(why) => ("none".to_string(), format!("no engine bank images: {why}")),
    };
    let manifest = Manifest {
        format: "mlp-rtl memory images 2".into(),
        model: model_name.into(),
        engine: h.engine.name().into(),
        epoch: h.progress.epoch,
        encoding: "$readmemh: one 16-bit two's-complement word per line, 4 hex digits".into(),
        layout: LAYOUT.into(),
        layout_doc: LAYOUT_DOC.into(),
        engine_layout,
        engine_layout_doc,
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
    use crate::hw::harness::{check_ok, run_tool, target_dir};
    use crate::hw::regfile::{RegMap, WinKind};
    use crate::reference::Trainer;
    use crate::Engine;
    use std::fmt::Write as _;
    use std::process::Command;

    fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
        &files
            .iter()
            .find(|(f, _)| f == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    fn hex_words(text: &str) -> Vec<i16> {
        text.lines()
            .map(|l| {
                assert_eq!(l.len(), 4, "{l}");
                u16::from_str_radix(l, 16).unwrap() as i16
            })
            .collect()
    }

    /// A golden-format state of `cfg` with every W and V word distinct-ish, the 16-bit extremes
    /// included, and V nonzero (so a V image that were zeros or W's would be caught).
    fn patterned_state(cfg: &Config) -> FixedState {
        let init = crate::reference::init::kaiming(&cfg.model.layers, 3);
        let mut s = FixedState::from_layers(&init, cfg);
        for (l, layer) in s.layers.iter_mut().enumerate() {
            for (k, v) in layer.v.iter_mut().enumerate() {
                *v = ((k as i32 * 7919 + l as i32 * 101 + 5) % 65536) - 32768;
            }
            let n = layer.w_aug.len();
            layer.w_aug[0] = -32768;
            layer.w_aug[n - 1] = 32767;
            layer.v[1] = -32768;
            layer.v[n - 2] = 32767;
        }
        s
    }

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
        // 2 logical images + W and V of 2 layers in 4 banks.
        assert_eq!(files.len(), 2 + 2 * 2 * 4);
        assert_eq!(files[0].0, "layer0.hex");
        assert_eq!(m.layers[0].saturated, 1);
        assert_eq!(
            (m.layers[1].rows, m.layers[1].cols, m.layers[1].words),
            (9, 10, 90)
        );
        assert_eq!(m.layers[0].format, "Q3.12");
        let lines: Vec<&str> = files[0].1.lines().collect();
        assert_eq!(lines.len(), 65 * 8);
        assert_eq!(&lines[..2], &["0800", "8000"]);
        assert_eq!(file(&files, "layer1.hex").lines().last(), Some("0001"));

        let init = crate::reference::init::kaiming(&cfg.model.layers, 1);
        let mut s = FixedState::from_layers(&init, &cfg);
        s.layers[1].w_aug[8 * 10] = -2; // first bias of layer 1
        let mf = to_model_file(&s, Engine::Golden, &cfg, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "g").unwrap();
        assert_eq!(m.layers[1].source, "raw");
        let words = hex_words(file(&files, "layer1.hex"));
        let want: Vec<i16> = s.layers[1].w_aug.iter().map(|&x| x as i16).collect();
        assert_eq!(words, want);
        assert_eq!(words[80], -2);
    }

    /// Every bank file holds element (r, c) of W_aug (V) at `SkewLayout::locate(r, c)` and 0 at
    /// the padding addresses; the manifest names the files and bank arrays; without momentum
    /// tensors (sgd) V is zeros.
    #[test]
    fn bank_images_hold_every_element_at_its_bank_address() {
        let cfg = Config::preset("tiny").unwrap();
        let s = patterned_state(&cfg);
        let mf = to_model_file(&s, Engine::Golden, &cfg, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "g").unwrap();
        assert_eq!(m.engine_layout, ENGINE_LAYOUT);
        let nl = s.layers.len();
        for (l, layer) in s.layers.iter().enumerate() {
            let e = m.layers[l].engine.as_ref().unwrap();
            let lay = SkewLayout::new(layer.n_in + 1, layer.n_out, 4);
            assert_eq!(
                (e.banks, e.depth, e.rule.clone()),
                (4, lay.depth, lay.rule())
            );
            assert_eq!(e.v.source, "raw");
            for (mem, vals, kind) in [(&e.w, &layer.w_aug, Mem::W(l)), (&e.v, &layer.v, Mem::V(l))]
            {
                assert_eq!(mem.files.len(), 4);
                let banks: Vec<Vec<i16>> = mem
                    .files
                    .iter()
                    .map(|f| hex_words(file(&files, f)))
                    .collect();
                let mut used = vec![vec![false; lay.depth]; 4];
                for r in 0..lay.rows {
                    for c in 0..lay.cols {
                        let (b, a) = lay.locate(r, c);
                        assert_eq!(
                            banks[b][a] as i32,
                            vals[r * lay.cols + c],
                            "{} ({r},{c})",
                            mem.memory
                        );
                        used[b][a] = true;
                    }
                }
                for b in 0..4 {
                    assert_eq!(banks[b].len(), lay.depth);
                    assert_eq!(
                        mem.paths[b],
                        format!(
                            "mems${}.banks${b}.mem",
                            crate::hw::engine::mem_index(kind, nl)
                        )
                    );
                    for a in 0..lay.depth {
                        assert!(used[b][a] || banks[b][a] == 0, "padding {b}/{a}");
                    }
                }
            }
            assert_eq!(e.w.files[3], format!("w{l}_bank3.hex"));
            assert_eq!(e.v.paths[0], format!("mems${}.banks$0.mem", 3 * nl + l));
        }
        // W1 of tiny (9 × 10, 4 banks) pads: some words are no element.
        assert!(m.layers[1].engine.as_ref().unwrap().depth * 4 > 90);

        let mut sgd = cfg.clone();
        sgd.optimizer.kind = crate::config::OptimizerKind::Sgd;
        let mf = to_model_file(&s, Engine::Golden, &sgd, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "g").unwrap();
        let e = m.layers[0].engine.as_ref().unwrap();
        assert_eq!(e.v.source, "zeros");
        assert!(e
            .v
            .files
            .iter()
            .all(|f| hex_words(file(&files, f)).iter().all(|&w| w == 0)));
        assert!(e
            .w
            .files
            .iter()
            .any(|f| hex_words(file(&files, f)).iter().any(|&w| w != 0)));

        // An array too wide for the engine: logical images only, said so in the manifest.
        let mut wide = cfg.clone();
        wide.array.rows = 32;
        let mf = to_model_file(&s, Engine::Golden, &wide, &Progress::default()).unwrap();
        let (files, m) = images(&mf, "g").unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(m.engine_layout, "none");
        assert!(
            m.engine_layout_doc.contains("at most 16"),
            "{}",
            m.engine_layout_doc
        );
        assert!(m.layers.iter().all(|l| l.engine.is_none()));
    }

    /// A testbench that instantiates the emitted `engine`, `$readmemh`s every bank file of `m`
    /// (names relative to the working directory) into its bank array by hierarchical name, then
    /// reads every W and V word back through the host bus (read latency 2) and compares it with
    /// `expect` (address, word); ends with `RESULT checks=N mismatches=M`.
    fn load_and_read_tb(m: &Manifest, expect: &[(u16, u16)]) -> String {
        let mut s = String::from(
            "// Bank-image load test of the emitted engine (GENERATED by src/export.rs tests).\n\
             `timescale 1ns/1ps\n\
             module export_tb;\n\
             \x20 reg clock = 1'b0;\n\
             \x20 always #5 clock = ~clock;\n\
             \x20 reg [15:0] addr = 16'd0;\n\
             \x20 reg [15:0] wdata = 16'd0;\n\
             \x20 reg we = 1'b0;\n\
             \x20 reg re = 1'b0;\n\
             \x20 wire [15:0] rdata;\n\
             \x20 wire busy;\n\
             \x20 wire done;\n\
             \x20 integer checks = 0;\n\
             \x20 integer errors = 0;\n\
             \x20 engine dut(.clock(clock), .addr(addr), .wdata(wdata), .we(we), .re(re), .rdata(rdata), .busy(busy), .done(done));\n\
             \x20 task rd(input [15:0] a, input [15:0] exp);\n\
             \x20   begin\n\
             \x20     @(negedge clock);\n\
             \x20     addr = a; re = 1'b1;\n\
             \x20     @(negedge clock);\n\
             \x20     re = 1'b0;\n\
             \x20     @(negedge clock);\n\
             \x20     checks = checks + 1;\n\
             \x20     if (rdata !== exp || busy !== 1'b0) begin\n\
             \x20       errors = errors + 1;\n\
             \x20       $display(\"MISMATCH addr %h: rdata %h, expected %h (busy %b)\", a, rdata, exp, busy);\n\
             \x20     end\n\
             \x20   end\n\
             \x20 endtask\n\
             \x20 // Each bank clears itself in an initial block at time 0: load after it, before the\n\
             \x20 // first rising edge (time 5).\n\
             \x20 initial begin\n\
             \x20   #1;\n",
        );
        for l in &m.layers {
            let e = l.engine.as_ref().expect("engine images");
            for mem in [&e.w, &e.v] {
                for (f, p) in mem.files.iter().zip(&mem.paths) {
                    let _ = writeln!(s, "    $readmemh(\"{f}\", dut.{p});");
                }
            }
        }
        s.push_str("  end\n  initial begin\n    #2;\n");
        for &(a, v) in expect {
            let _ = writeln!(s, "    rd(16'h{a:04x}, 16'h{v:04x});");
        }
        s.push_str(
            "    $display(\"RESULT checks=%0d mismatches=%0d\", checks, errors);\n\
             \x20   $finish;\n\
             \x20 end\n\
             endmodule\n",
        );
        s
    }

    /// The emitted `engine.v` (tiny preset) starts from the exported bank images: Icarus loads
    /// every `w{l}_bank{b}.hex` / `v{l}_bank{b}.hex` into the bank arrays named in the manifest and
    /// every W and V word read back through the host bus equals the model file's value. The same
    /// simulation on a copy with one W word and one V word corrupted reports exactly those two.
    #[test]
    fn engine_v_starts_from_exported_bank_images_icarus() {
        let cfg = Config::preset("tiny").unwrap();
        let s = patterned_state(&cfg);
        let dir = target_dir().join("hwbuild").join("export_banks");
        let _ = std::fs::remove_dir_all(&dir);
        let (good, bad) = (dir.join("good"), dir.join("bad"));
        std::fs::create_dir_all(&dir).unwrap();
        let model = dir.join("m.safetensors");
        checkpoint::save(&model, &s, Engine::Golden, &cfg, &Progress::default()).unwrap();
        let m = export(&model, &good).unwrap();
        assert_eq!(m.engine_layout, ENGINE_LAYOUT);

        // Expected words: the model's values at the windows of the register map.
        let map = RegMap::new(&cfg);
        let mut expect = Vec::new();
        for (l, layer) in s.layers.iter().enumerate() {
            for (kind, vals) in [(WinKind::W(l), &layer.w_aug), (WinKind::V(l), &layer.v)] {
                let w = map.window(kind);
                for r in 0..w.rows {
                    for c in 0..w.cols {
                        expect.push((w.addr(r, c), vals[r * w.cols + c] as u16));
                    }
                }
            }
        }
        assert_eq!(expect.len(), 2 * (65 * 8 + 9 * 10));

        let (sources, _) = crate::flow::sources(&cfg);
        let engine_v = &sources
            .iter()
            .find(|f| f.path == "engine.v")
            .unwrap()
            .verilog;
        let dut = dir.join("engine.v");
        std::fs::write(&dut, engine_v).unwrap();
        let tb = dir.join("export_tb.v");
        std::fs::write(&tb, load_and_read_tb(&m, &expect)).unwrap();
        let vvp = dir.join("export.vvp");
        let o = run_tool(
            Command::new("iverilog")
                .args(["-g2012", "-s", "export_tb", "-o"])
                .arg(&vvp)
                .arg(&dut)
                .arg(&tb),
            "iverilog",
        )
        .unwrap();
        check_ok(&o, "iverilog").unwrap();
        let run = |cwd: &Path| -> (usize, usize, String) {
            let o = run_tool(
                Command::new("vvp").arg("-n").arg(&vvp).current_dir(cwd),
                "vvp",
            )
            .unwrap();
            check_ok(&o, "vvp").unwrap();
            let out = String::from_utf8_lossy(&o.stdout).to_string();
            let line = out
                .lines()
                .find(|l| l.starts_with("RESULT"))
                .unwrap_or_else(|| panic!("no RESULT line:\n{out}"));
            let num = |k: &str| -> usize {
                line.split_whitespace()
                    .find_map(|w| w.strip_prefix(k))
                    .and_then(|v| v.parse().ok())
                    .unwrap()
            };
            (num("checks="), num("mismatches="), out)
        };
        let (n, bad_n, out) = run(&good);
        assert_eq!((n, bad_n), (expect.len(), 0), "{out}");
        assert!(!out.contains("WARNING"), "{out}");

        // Corrupt W1(2, 3) and V0(64, 7) (the bias row) in a copy of the export.
        std::fs::create_dir_all(&bad).unwrap();
        for e in std::fs::read_dir(&good).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, bad.join(p.file_name().unwrap())).unwrap();
        }
        let corrupt = |l: usize, prefix: &str, r: usize, c: usize| {
            let e = m.layers[l].engine.as_ref().unwrap();
            let lay = SkewLayout::new(e.rows, e.cols, e.banks);
            let (b, a) = lay.locate(r, c);
            let f = bad.join(format!("{prefix}{l}_bank{b}.hex"));
            let mut words = hex_words(&std::fs::read_to_string(&f).unwrap());
            words[a] ^= 0x0100;
            std::fs::write(&f, to_hex(&words)).unwrap();
            let kind = if prefix == "w" {
                WinKind::W(l)
            } else {
                WinKind::V(l)
            };
            map.window(kind).addr(r, c)
        };
        let a1 = corrupt(1, "w", 2, 3);
        let a2 = corrupt(0, "v", 64, 7);
        let (n, bad_n, out) = run(&bad);
        assert_eq!((n, bad_n), (expect.len(), 2), "{out}");
        for a in [a1, a2] {
            assert!(
                out.contains(&format!("MISMATCH addr {a:04x}")),
                "{a:04x}: {out}"
            );
        }
    }
}
