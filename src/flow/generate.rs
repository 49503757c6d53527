//! `mlp-rtl generate`: the design's Verilog, a manifest and a FuseSoC core, written under `--out`
//! (default `hdl_out/`, which is committed: a test regenerates it and fails when it is stale).
//!
//! # What is written (all paths relative to `--out`)
//! - every Verilog file of [`super::sources`] (`units/<unit>.v`, the design's top `engine.v` and
//!   the SoC wrapper `engine_axi.v` (AXI4-Lite slave + engine; its manifest entry lists `requires`)),
//!   each starting with a header comment naming the generator and echoing the configuration (TOML,
//!   commented); `engine.v` adds its ports, the host-bus protocol and the register map;
//! - `verilator_waivers.vlt`: a copy of the named lint waivers (`testbenches/verilator_waivers.vlt`,
//!   the one source), so the output lints stand-alone;
//! - `mlp-rtl.core`: a FuseSoC CAPI2 core (filesets, targets `default`, `lint` (Verilator),
//!   `sim` (Icarus), `synth` (Yosys iCE40)) for Edalize-based flows;
//! - `mlp-rtl.manifest.json` (written last): generator, top module, config, number formats, and each
//!   file with its size, SHA-256 and (Verilog) top module and ports.
//!
//! # Ownership
//! The manifest is the list of files this command owns. A re-run rewrites only owned files whose
//! content changed (each atomically: temp file then rename), removes owned files of the previous
//! manifest that the new one does not list, and never touches any other file. An `--out` that is a
//! file, or a directory that cannot be written, is refused before anything is written.

use super::verilog::{self, VPort};
use crate::config::Config;
use crate::model_io::write_atomic;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::path::{Component, Path, PathBuf};

/// The manifest's file name.
pub const MANIFEST: &str = "mlp-rtl.manifest.json";
/// The FuseSoC core's file name.
pub const CORE: &str = "mlp-rtl.core";
/// The waivers copy's file name.
pub const WAIVERS: &str = "verilator_waivers.vlt";
/// The FuseSoC VLNV.
pub fn core_name() -> String {
    format!("::mlp-rtl:{}", env!("CARGO_PKG_VERSION"))
}

/// One file of the output, in memory.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Relative to `--out`, `/`-separated.
    pub path: String,
    /// `verilog`, `vlt` or `fusesoc-core`.
    pub kind: &'static str,
    /// Verilog: the module this file is the top of, and its ports.
    pub top: Option<String>,
    pub ports: Option<Vec<VPort>>,
    /// Verilog: the other files it needs (see [`super::Source::requires`]).
    pub requires: Vec<String>,
    pub text: String,
}

/// A manifest entry.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub kind: String,
    pub bytes: u64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<serde_json::Value>,
    /// Files that define modules this one instantiates (lint and simulate them together).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

/// What one run did.
#[derive(Debug, Clone, Serialize)]
pub struct GenerateReport {
    pub out: PathBuf,
    pub top: String,
    /// Files (re)written.
    pub written: Vec<String>,
    /// Owned files already up to date.
    pub unchanged: Vec<String>,
    /// Stale owned files removed.
    pub removed: Vec<String>,
}

/// Every file of the output but the manifest, for `cfg`; and the design's top module.
pub fn files(cfg: &Config) -> Result<(Vec<OutFile>, String)> {
    let (sources, top) = super::sources(cfg);
    let toml = cfg.to_toml();
    let mut out = Vec::new();
    for s in sources {
        let ports = verilog::ports(&s.verilog, &s.top);
        if ports.is_none() {
            bail!(
                "{}: module `{}` not found in its emitted Verilog",
                s.path,
                s.top
            );
        }
        out.push(OutFile {
            text: format!("{}{}", verilog::header(&s.what, &toml), s.verilog),
            path: s.path,
            kind: "verilog",
            top: Some(s.top),
            ports,
            requires: s.requires,
        });
    }
    let waivers = crate::hw::harness::waivers();
    let w = std::fs::read_to_string(&waivers)
        .with_context(|| format!("reading {}", waivers.display()))?;
    out.push(OutFile {
        path: WAIVERS.to_string(),
        kind: "vlt",
        top: None,
        ports: None,
        requires: vec![],
        text: format!(
            "// Copy of testbenches/verilator_waivers.vlt written by {} (edit that file, then run\n\
             // `mlp-rtl generate`).\n{w}",
            verilog::generator()
        ),
    });
    let verilog_paths: Vec<&str> = out
        .iter()
        .filter(|f| f.kind == "verilog")
        .map(|f| f.path.as_str())
        .collect();
    out.push(OutFile {
        path: CORE.to_string(),
        kind: "fusesoc-core",
        top: None,
        ports: None,
        requires: vec![],
        text: core(&verilog_paths, &top),
    });
    Ok((out, top))
}

/// The FuseSoC CAPI2 core over `verilog` (paths relative to the core) with toplevel `top`.
pub fn core(verilog: &[&str], top: &str) -> String {
    let list = |fs: &[&str]| {
        fs.iter()
            .map(|f| format!("      - {f}\n"))
            .collect::<String>()
    };
    format!(
        "CAPI=2:\n\
         # GENERATED by {gen} — do not edit; regenerate with `mlp-rtl generate`.\n\
         name: \"{name}\"\n\
         description: \"Fixed-point MLP training engine, emitted by rust-hdl (design top: {top})\"\n\
         \n\
         filesets:\n\
         \x20 rtl:\n\
         \x20   file_type: verilogSource\n\
         \x20   files:\n{files}\
         \x20 waivers:\n\
         \x20   file_type: vlt\n\
         \x20   files:\n\
         \x20     - {waivers}\n\
         \n\
         targets:\n\
         \x20 default:\n\
         \x20   filesets: [rtl]\n\
         \x20   toplevel: {top}\n\
         \x20 lint:\n\
         \x20   default_tool: verilator\n\
         \x20   filesets: [rtl, waivers]\n\
         \x20   toplevel: {top}\n\
         \x20   tools:\n\
         \x20     verilator:\n\
         \x20       mode: lint-only\n\
         \x20       verilator_options: [-Wall]\n\
         \x20 sim:\n\
         \x20   default_tool: icarus\n\
         \x20   filesets: [rtl]\n\
         \x20   toplevel: {top}\n\
         \x20   tools:\n\
         \x20     icarus:\n\
         \x20       iverilog_options: [-g2012]\n\
         \x20 synth:\n\
         \x20   default_tool: yosys\n\
         \x20   filesets: [rtl]\n\
         \x20   toplevel: {top}\n\
         \x20   tools:\n\
         \x20     yosys:\n\
         \x20       arch: ice40\n\
         \x20       output_format: json\n\
         \x20       yosys_synth_options: [-dsp]\n",
        gen = verilog::generator(),
        name = core_name(),
        files = list(verilog),
        waivers = WAIVERS,
    )
}

/// The manifest text for these files.
pub fn manifest(cfg: &Config, files: &[OutFile], top: &str) -> String {
    let q = |f: u32| format!("Q{}.{}", 15 - f.min(15), f);
    let entries: Vec<ManifestFile> = files
        .iter()
        .map(|f| ManifestFile {
            path: f.path.clone(),
            kind: f.kind.to_string(),
            bytes: f.text.len() as u64,
            sha256: sha256_hex(f.text.as_bytes()),
            top: f.top.clone(),
            ports: f
                .ports
                .as_ref()
                .map(|p| serde_json::to_value(p).expect("ports serialize")),
            requires: f.requires.clone(),
        })
        .collect();
    let fx = &cfg.fixed;
    let j = serde_json::json!({
        "generator": verilog::generator(),
        "core": core_name(),
        "top": top,
        "formats": {
            "operand_bits": 16,
            "weights": q(fx.weight_frac),
            "activations": q(fx.act_frac),
            "errors": q(fx.err_frac),
            "momentum": q(fx.mom_frac),
            "accumulator_bits": fx.acc_bits,
            "array": format!("{}x{}", cfg.array.rows, cfg.array.cols),
        },
        "config": cfg,
        "register_map": crate::hw::regfile::RegMap::new(cfg).to_json(),
        "files": entries,
    });
    let mut s = serde_json::to_string_pretty(&j).expect("manifest serializes");
    s.push('\n');
    s
}

/// The owned paths listed by the manifest in `out` (empty when there is none).
pub fn owned(out: &Path) -> Result<Vec<String>> {
    let m = out.join(MANIFEST);
    if !m.exists() {
        return Ok(vec![]);
    }
    let text = std::fs::read_to_string(&m).with_context(|| format!("reading {}", m.display()))?;
    let parsed: Option<Vec<ManifestFile>> = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| serde_json::from_value(v.get("files")?.clone()).ok());
    let Some(files) = parsed else {
        bail!(
            "{} is not an mlp-rtl manifest; remove it or choose another --out",
            m.display()
        );
    };
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// `p` is a plain relative path (no `..`, not absolute): the only kind of path generate owns.
fn is_safe(p: &str) -> bool {
    let path = Path::new(p);
    !p.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Refuse an `--out` that is a file or cannot be written (creating it if missing).
pub fn check_out(out: &Path) -> Result<()> {
    if out.exists() && !out.is_dir() {
        bail!("--out {} is a file, not a directory", out.display());
    }
    std::fs::create_dir_all(out)
        .map_err(|e| anyhow::anyhow!("cannot create --out {}: {e}", out.display()))?;
    let probe = out.join(format!(".mlp-rtl-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => bail!("--out {} is not writable: {e}", out.display()),
    }
}

/// Write the design for `cfg` under `out` (see the module doc for what and how).
pub fn generate(cfg: &Config, out: &Path) -> Result<GenerateReport> {
    check_out(out)?;
    let before = owned(out)?;
    let (files, top) = files(cfg)?;
    let manifest_text = manifest(cfg, &files, &top);
    let mut rep = GenerateReport {
        out: out.to_path_buf(),
        top,
        written: vec![],
        unchanged: vec![],
        removed: vec![],
    };
    let mut put = |rel: &str, text: &str| -> Result<()> {
        let path = out.join(rel);
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            rep.unchanged.push(rel.to_string());
            return Ok(());
        }
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
        }
        write_atomic(&path, text.as_bytes())?;
        rep.written.push(rel.to_string());
        Ok(())
    };
    for f in &files {
        put(&f.path, &f.text)?;
    }
    for old in &before {
        if files.iter().any(|f| &f.path == old) || !is_safe(old) {
            continue;
        }
        let p = out.join(old);
        if p.is_file() {
            std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
            rep.removed.push(old.clone());
            // Drop directories the removal emptied (never `out` itself; non-empty ones stay).
            let mut d = p.parent();
            while let Some(dir) = d {
                if dir == out || std::fs::remove_dir(dir).is_err() {
                    break;
                }
                d = dir.parent();
            }
        }
    }
    put(MANIFEST, &manifest_text)?;
    Ok(rep)
}

/// Lower-case hex SHA-256 of `data` (FIPS 180-4).
pub fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_known_answers() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    /// Every file under `dir` (relative, `/`-separated), sorted.
    fn on_disk(dir: &Path) -> Vec<String> {
        fn walk(base: &Path, d: &Path, v: &mut Vec<String>) {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(base, &p, v);
                } else {
                    let rel = p.strip_prefix(base).unwrap().to_string_lossy();
                    v.push(rel.replace('\\', "/"));
                }
            }
        }
        let mut v = vec![];
        walk(dir, dir, &mut v);
        v.sort();
        v
    }

    fn manifest_files(dir: &Path) -> Vec<ManifestFile> {
        let j: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(MANIFEST)).unwrap()).unwrap();
        serde_json::from_value(j["files"].clone()).unwrap()
    }

    #[test]
    fn manifest_lists_what_is_on_disk() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let cfg = Config::default();
        let r = generate(&cfg, &out).unwrap();
        assert!(r.removed.is_empty() && r.unchanged.is_empty());
        let files = manifest_files(&out);
        let mut listed: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        listed.push(MANIFEST.to_string());
        listed.sort();
        assert_eq!(
            listed,
            on_disk(&out),
            "manifest vs disk (no temp files left)"
        );
        for f in &files {
            let bytes = std::fs::read(out.join(&f.path)).unwrap();
            assert_eq!(bytes.len() as u64, f.bytes, "{}", f.path);
            assert_eq!(sha256_hex(&bytes), f.sha256, "{}", f.path);
            if f.kind == "verilog" {
                let top = f.top.as_deref().unwrap();
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    text.starts_with("// unit `")
                        || text.starts_with("// training engine top")
                        || text.starts_with("// SoC wrapper `engine_axi`"),
                    "{}: header",
                    f.path
                );
                assert!(text.contains(&verilog::generator()));
                assert!(
                    text.contains("//   acc_bits = 32"),
                    "{}: config echo",
                    f.path
                );
                assert!(text.contains(&format!("\nmodule {top}(")), "{}", f.path);
                assert!(!text.contains("module top"), "{}: renamed", f.path);
                let ports = f.ports.as_ref().unwrap().as_array().unwrap();
                assert!(ports
                    .iter()
                    .any(|p| p["name"] == "clock" && p["dir"] == "input"));
            }
        }
        let j: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(j["top"], "engine");
        // the SoC wrapper lists the files it instantiates from, and they are in the output
        let axi = files.iter().find(|f| f.path == "engine_axi.v").unwrap();
        assert_eq!(axi.requires, ["units/axi_lite.v", "engine.v"]);
        for r in &axi.requires {
            assert!(files.iter().any(|f| &f.path == r), "{r} listed");
        }
        let eng = files.iter().find(|f| f.path == "engine.v").unwrap();
        assert_eq!(eng.top.as_deref(), Some("engine"));
        let text = std::fs::read_to_string(out.join("engine.v")).unwrap();
        // the header documents ports and the register map of the config
        for k in [
            "// Ports of module `engine`:",
            "//   input  [16] addr",
            "//   output [ 1] busy",
            "0x0003  ETA",
            "0x2000  W0",
            "//   layers = [64, 32, 10]",
        ] {
            assert!(text.contains(k), "engine.v header lacks {k:?}");
        }
        assert_eq!(j["formats"]["weights"], "Q3.12");
        assert_eq!(j["formats"]["activations"], "Q7.8");
        assert_eq!(j["config"]["array"]["rows"], 4);
        // a second run rewrites nothing
        let r = generate(&cfg, &out).unwrap();
        assert!(r.written.is_empty(), "rewrote {:?}", r.written);
        assert_eq!(r.unchanged.len(), files.len() + 1);
    }

    #[test]
    fn owns_only_its_files() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path();
        let cfg = Config::default();
        generate(&cfg, out).unwrap();
        // a foreign file, a stale owned file (listed by the previous manifest) and a tampered one
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::create_dir_all(out.join("units/old")).unwrap();
        std::fs::write(out.join("units/old/gone.v"), "// stale").unwrap();
        std::fs::write(out.join("units/foreign.v"), "// someone else's").unwrap();
        std::fs::write(out.join("units/pe.v"), "// tampered").unwrap();
        let m = out.join(MANIFEST);
        let mut j: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&m).unwrap()).unwrap();
        for p in ["units/old/gone.v", "../outside.v"] {
            j["files"].as_array_mut().unwrap().push(serde_json::json!({
                "path": p, "kind": "verilog", "bytes": 8, "sha256": "x"}));
        }
        std::fs::write(out.parent().unwrap().join("outside.v"), "keep").unwrap();
        std::fs::write(&m, serde_json::to_string(&j).unwrap()).unwrap();

        let r = generate(&cfg, out).unwrap();
        assert_eq!(r.removed, vec!["units/old/gone.v".to_string()]);
        assert!(r.written.contains(&"units/pe.v".to_string()));
        assert!(!out.join("units/old").exists(), "emptied owned dir removed");
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(out.join("units/foreign.v").exists());
        assert!(
            out.parent().unwrap().join("outside.v").exists(),
            "no `..` removal"
        );
        assert!(std::fs::read_to_string(out.join("units/pe.v"))
            .unwrap()
            .contains("module pe("));
        let _ = std::fs::remove_file(out.parent().unwrap().join("outside.v"));
    }

    #[test]
    fn refuses_bad_out() {
        let t = tempfile::tempdir().unwrap();
        let f = t.path().join("file");
        std::fs::write(&f, "x").unwrap();
        let e = generate(&Config::default(), &f).unwrap_err().to_string();
        assert!(e.contains("is a file"), "{e}");
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "x");
        // /proc/self is a directory nobody (not even root) can create files in
        let e = check_out(Path::new("/proc/self")).unwrap_err().to_string();
        assert!(e.contains("not writable"), "{e}");
        let e = check_out(&f.join("sub")).unwrap_err().to_string();
        assert!(e.contains("cannot create --out"), "{e}");
        // a broken manifest is not taken over
        std::fs::write(t.path().join(MANIFEST), "{}").unwrap();
        let e = generate(&Config::default(), t.path())
            .unwrap_err()
            .to_string();
        assert!(e.contains("not an mlp-rtl manifest"), "{e}");
    }

    #[test]
    fn core_file_has_capi2_keys() {
        let (files, top) = files(&Config::default()).unwrap();
        let core = &files.iter().find(|f| f.path == CORE).unwrap().text;
        assert!(core.starts_with("CAPI=2:\n"));
        assert!(core.contains(&format!("name: \"{}\"", core_name())));
        for k in [
            "\nfilesets:\n",
            "\n  rtl:\n",
            "    file_type: verilogSource\n",
            "\n  waivers:\n",
            "    file_type: vlt\n",
            "\ntargets:\n",
            "\n  default:\n",
            "\n  lint:\n",
            "    default_tool: verilator\n",
            "        mode: lint-only\n",
            "\n  sim:\n",
            "    default_tool: icarus\n",
            "\n  synth:\n",
            "    default_tool: yosys\n",
            "        arch: ice40\n",
            &format!("    toplevel: {top}\n"),
        ] {
            assert!(core.contains(k), "core lacks {k:?}:\n{core}");
        }
        // every Verilog file is in the rtl fileset; no tabs (YAML)
        for f in files.iter().filter(|f| f.kind == "verilog") {
            assert!(
                core.contains(&format!("      - {}\n", f.path)),
                "{}",
                f.path
            );
        }
        assert!(!core.contains('\t'));
    }

    /// The committed hdl_out/ is exactly what `mlp-rtl generate` writes for the default config.
    #[test]
    fn hdl_out_is_fresh() {
        let t = tempfile::tempdir().unwrap();
        generate(&Config::default(), t.path()).unwrap();
        let committed = crate::hw::harness::root().join("hdl_out");
        let fresh = on_disk(t.path());
        let mut problems = vec![];
        for f in &fresh {
            let want = std::fs::read(t.path().join(f)).unwrap();
            match std::fs::read(committed.join(f)) {
                Ok(have) if have == want => {}
                Ok(_) => problems.push(format!("{f} differs")),
                Err(_) => problems.push(format!("{f} missing")),
            }
        }
        for f in on_disk(&committed) {
            if !fresh.contains(&f) {
                problems.push(format!("{f} is not generated (stale?)"));
            }
        }
        assert!(
            problems.is_empty(),
            "hdl_out/ is stale ({}): run `cargo run --release -- generate` and commit hdl_out/",
            problems.join(", ")
        );
    }

    /// `verilator --lint-only -Wall` on every generated Verilog file of hdl_out/, with the named
    /// waivers (the copy in hdl_out/, as the FuseSoC lint target uses it).
    #[test]
    fn hdl_out_lints_clean() {
        let dir = crate::hw::harness::root().join("hdl_out");
        let files = manifest_files(&dir);
        let verilog: Vec<&ManifestFile> = files.iter().filter(|f| f.kind == "verilog").collect();
        assert!(!verilog.is_empty());
        for f in verilog {
            let o = crate::hw::harness::run_tool(
                std::process::Command::new("verilator")
                    .args(["--lint-only", "-Wall", "--top-module"])
                    .arg(f.top.as_deref().unwrap())
                    .arg(WAIVERS)
                    .arg(&f.path)
                    .args(&f.requires)
                    .current_dir(&dir),
                "verilator lint",
            )
            .unwrap_or_else(|e| panic!("{e:#}"));
            crate::hw::harness::check_ok(&o, &format!("verilator --lint-only -Wall {}", f.path))
                .unwrap_or_else(|e| panic!("{e:#}"));
        }
    }

    /// The whole emitted design (every file of hdl_out/, top `engine`) builds in Icarus
    /// (`-g2012`) and Yosys infers no latch in it (`proc`, then the latch cells; Yosys's
    /// `Latch inferred` log lines are reported by name).
    #[test]
    fn hdl_out_engine_builds_in_icarus_and_has_no_latch() {
        let dir = crate::hw::harness::root().join("hdl_out");
        let j: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(MANIFEST)).unwrap()).unwrap();
        let top = j["top"].as_str().unwrap().to_string();
        assert_eq!(top, "engine");
        let engine = dir.join("engine.v");
        let work = crate::hw::harness::target_dir()
            .join("hwbuild")
            .join("hdl_out_check");
        std::fs::create_dir_all(&work).unwrap();
        let o = crate::hw::harness::run_tool(
            std::process::Command::new("iverilog")
                .args(["-g2012", "-s", &top, "-o"])
                .arg(work.join("engine.vvp"))
                .arg(&engine),
            "iverilog",
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        crate::hw::harness::check_ok(&o, "iverilog -g2012 hdl_out/engine.v")
            .unwrap_or_else(|e| panic!("{e:#}"));
        let script = format!(
            "read_verilog {}; hierarchy -check -top {top}; proc; \
             select -assert-none t:$dlatch t:$adlatch t:$dlatchsr t:$_DLATCH_* t:$_DLATCHSR_*",
            engine.display()
        );
        let o = crate::hw::harness::run_tool(
            std::process::Command::new("yosys").args(["-p", &script]),
            "yosys",
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        let log =
            String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
        let latches = super::super::synth::latch_signals(&log);
        assert!(latches.is_empty(), "latches: {latches:?}");
        crate::hw::harness::check_ok(&o, "yosys latch check of hdl_out/engine.v")
            .unwrap_or_else(|e| panic!("{e:#}"));
    }

    #[test]
    fn safe_paths_only() {
        assert!(is_safe("units/pe.v"));
        assert!(!is_safe("../x.v"));
        assert!(!is_safe("/etc/passwd"));
        assert!(!is_safe("a/../../b"));
        assert!(!is_safe(""));
    }
}
