//! Pictures (issue 8): training curves, a lookup table's error against its float function, and the
//! timeline of a training step. Drawn with `plotters`; the format follows the file's extension
//! (`.svg` or `.png`).
//!
//! Every picture is rendered in memory and then written atomically (a temp file in the same folder,
//! then a rename), so a failure never leaves a half-written file behind. [`check_output`] validates
//! a path up front, so a long run that asked for a picture does not fail only at its end.
//!
//! Text is drawn with DejaVu Sans, embedded in the binary (`assets/fonts/`, with its licence): no
//! system font or font library is needed at build or run time.

use anyhow::{anyhow, bail, Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;

mod area;
mod curves;
mod table;
mod timeline;

pub use area::{area_sweep, AreaPoint};
pub use curves::training_curves;
pub use table::{table_error, TableError};
pub use timeline::{timeline, Phase};

/// The font family every picture uses (registered from the embedded TTF).
pub(crate) const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The TTF is part of the crate; it parsing is checked by the tests.
        if plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_err() {
            panic!("the embedded DejaVuSans.ttf is not a valid font");
        }
    });
}

/// A picture file format, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// `.svg` or `.png` (any case); anything else is an error naming the path.
    pub fn from_path(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("svg") => Ok(Format::Svg),
            Some("png") => Ok(Format::Png),
            Some(other) => bail!(
                "cannot plot to '{}': unknown picture format '.{other}' (use .svg or .png)",
                path.display()
            ),
            None => bail!(
                "cannot plot to '{}': no file extension (use .svg or .png)",
                path.display()
            ),
        }
    }
}

/// The folder a file at `path` goes into (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks that a picture can be written at `path`, before any long work: a known extension, an
/// existing, writable parent folder, and not a folder itself. Returns the format.
pub fn check_output(path: &Path) -> Result<Format> {
    let format = Format::from_path(path)?;
    if path.is_dir() {
        bail!("cannot plot to '{}': it is a directory", path.display());
    }
    let dir = parent_dir(path);
    if !dir.exists() {
        bail!(
            "cannot plot to '{}': directory '{}' does not exist",
            path.display(),
            dir.display()
        );
    }
    if !dir.is_dir() {
        bail!(
            "cannot plot to '{}': '{}' is not a directory",
            path.display(),
            dir.display()
        );
    }
    // Probe that the folder takes a new file (permissions, read-only file systems).
    let probe = temp_name(path);
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(f) => {
            drop(f);
            let _ = fs::remove_file(&probe);
        }
        Err(e) => bail!(
            "cannot plot to '{}': cannot create a file in '{}': {e}",
            path.display(),
            dir.display()
        ),
    }
    Ok(format)
}

/// A fresh hidden name next to `path`, for the temp file of an atomic write.
fn temp_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "picture".into());
    parent_dir(path).join(format!(".{file}.{}-{n}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, synced, then renamed over
/// `path`. On any error the temp file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_name(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        bail!("cannot write picture '{}': {e}", path.display());
    }
    Ok(())
}

/// Turns a drawing error (whose type depends on the back end) into an `anyhow` error.
pub(crate) fn draw_err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("drawing failed: {e}")
}

/// Something that draws itself on any plotters back end.
pub(crate) trait Picture {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()>;
}

/// Renders `pic` in the format of `path`'s extension and writes it atomically.
pub(crate) fn render<P: Picture>(pic: &P, path: &Path) -> Result<()> {
    let format = check_output(path)?;
    register_font();
    let (w, h) = pic.size();
    let bytes = match format {
        Format::Svg => {
            let mut s = String::new();
            {
                let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
                pic.draw(&root)?;
                root.present().map_err(draw_err)?;
            }
            s.into_bytes()
        }
        Format::Png => {
            let mut rgb = vec![0u8; w as usize * h as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
                pic.draw(&root)?;
                root.present().map_err(draw_err)?;
            }
            encode_png(&rgb, w, h)?
        }
    };
    write_atomic(path, &bytes).with_context(|| "plotting failed".to_string())
}

/// An 8-bit RGB PNG of the `w`×`h` pixels in `rgb`.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().context("encoding PNG")?;
        writer.write_image_data(rgb).context("encoding PNG")?;
    }
    Ok(out)
}

/// The colour of a named series: fixed for the known engines, so pictures compare at a glance.
pub(crate) fn engine_color(name: &str, index: usize) -> RGBColor {
    match name {
        "float" => RGBColor(31, 119, 180),
        "golden" => RGBColor(255, 127, 14),
        "rtl" => RGBColor(44, 160, 44),
        "verilator" => RGBColor(214, 39, 40),
        _ => {
            let c = Palette99::pick(index + 4).to_rgba();
            RGBColor(c.0, c.1, c.2)
        }
    }
}

/// `[lo, hi]` widened by a margin (and made non-empty) for an axis over finite `values`.
pub(crate) fn padded_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return None;
    }
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.05
    } else {
        lo.abs().max(1.0) * 0.05
    };
    Some((lo - pad, hi + pad))
}

/// An axis tick label for `v` on an axis spanning `span`: as many decimals as the span needs,
/// scientific notation for very small or large spans, and a plain `0` for zero.
pub(crate) fn tick(v: f64, span: f64) -> String {
    let span = span.abs();
    if v.abs() <= span * 1e-9 {
        return "0".into();
    }
    if !(1e-2..1e5).contains(&span) {
        return format!("{v:.1e}");
    }
    let decimals = (-(span / 8.0).log10()).ceil().clamp(0.0, 6.0) as usize;
    format!("{v:.decimals$}")
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(
            Format::from_path(Path::new("a/b.svg")).unwrap(),
            Format::Svg
        );
        assert_eq!(Format::from_path(Path::new("b.PNG")).unwrap(), Format::Png);
        let e = Format::from_path(Path::new("b.pdf"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown picture format '.pdf'"), "{e}");
        let e = Format::from_path(Path::new("curves"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no file extension"), "{e}");
    }

    #[test]
    fn check_output_rejects_bad_paths() {
        let dir = scratch_dir("check_output");
        let e = check_output(&dir.join("missing/x.svg")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        // A folder named like a picture.
        let d = dir.join("folder.svg");
        fs::create_dir_all(&d).unwrap();
        let e = check_output(&d).unwrap_err();
        assert!(e.to_string().contains("is a directory"), "{e}");
        // A parent that is a file.
        let f = dir.join("file");
        fs::write(&f, b"x").unwrap();
        let e = check_output(&f.join("x.svg")).unwrap_err();
        assert!(e.to_string().contains("is not a directory"), "{e}");
        // A good path: accepted, and the probe leaves nothing behind.
        assert_eq!(check_output(&dir.join("ok.png")).unwrap(), Format::Png);
        assert_eq!(
            files_in(&dir),
            vec!["file".to_string(), "folder.svg".into()]
        );
    }

    #[test]
    fn write_atomic_replaces_and_leaves_no_temp() {
        let dir = scratch_dir("write_atomic");
        let p = dir.join("a.svg");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(files_in(&dir), vec!["a.svg".to_string()]);
        // Renaming over a non-empty folder fails: the error is clear and no temp file stays.
        let sub = dir.join("sub.svg");
        fs::create_dir_all(sub.join("inner")).unwrap();
        let e = write_atomic(&sub, b"x").unwrap_err().to_string();
        assert!(e.starts_with("cannot write picture"), "{e}");
        assert_eq!(files_in(&dir), vec!["a.svg".to_string(), "sub.svg".into()]);
    }

    #[test]
    fn tick_labels() {
        assert_eq!(tick(0.2, 1.4), "0.2");
        assert_eq!(tick(1.0, 1.4), "1.0");
        assert_eq!(tick(500.0, 1000.0), "500");
        assert_eq!(tick(1e-17, 1.0), "0");
        assert_eq!(tick(-0.005, 0.033), "-0.005");
        assert_eq!(tick(0.0015, 0.004), "1.5e-3");
    }

    #[test]
    fn embedded_font_parses() {
        register_font();
        let font = FontDesc::new(FontFamily::Name(FONT), 20.0, FontStyle::Normal);
        let (w, h) = font.box_size("float golden").unwrap();
        assert!(w > 50 && h > 5, "{w}x{h}");
    }
}
