//! IDX files (the MNIST format): a directory holding an images file and a labels file.
//!
//! Names looked for in `DIR`, first match wins:
//! - images: `train-images-idx3-ubyte`, `train-images.idx3-ubyte`, then each with `.gz`;
//! - labels: `train-labels-idx1-ubyte`, `train-labels.idx1-ubyte`, then each with `.gz`.
//!
//! Only the training files are read; `t10k-*` files are ignored (mlp-rtl makes its own stratified
//! train/test split of the loaded set, see [`super::split`]).
//!
//! Format (big-endian): images start with magic `0x00000803` (unsigned bytes, 3 dimensions), then
//! the count n, rows and columns, then `n·rows·cols` pixel bytes; labels start with magic
//! `0x00000801`, then n, then n label bytes. Pixels are scaled by 1/255; `dim = rows·cols`,
//! `classes = max label + 1`. A wrong magic, truncated or over-long file, count mismatch or zero
//! dimension is an error naming the file and the byte offset or item. Offsets in a `.gz` file
//! count bytes of its decompressed content.

use super::Dataset;
use anyhow::{bail, Context};
use std::io::Read;
use std::path::{Path, PathBuf};

pub const IMAGE_NAMES: &[&str] = &["train-images-idx3-ubyte", "train-images.idx3-ubyte"];
pub const LABEL_NAMES: &[&str] = &["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"];
pub const IMAGES_MAGIC: u32 = 0x0000_0803;
pub const LABELS_MAGIC: u32 = 0x0000_0801;

/// Loads the images and labels of `dir`.
pub fn load(dir: &Path) -> anyhow::Result<Dataset> {
    if !dir.is_dir() {
        bail!(
            "{}: not a directory (idx:DIR needs a directory holding MNIST-style IDX files)",
            dir.display()
        );
    }
    let images = find(dir, IMAGE_NAMES)?;
    let labels = find(dir, LABEL_NAMES)?;
    let (n, rows, cols, pixels) = parse_images(&read(&images)?, &images.display().to_string())?;
    let labs = parse_labels(&read(&labels)?, &labels.display().to_string())?;
    if labs.len() != n {
        bail!(
            "{} holds {n} images but {} holds {} labels",
            images.display(),
            labels.display(),
            labs.len()
        );
    }
    let classes = labs.iter().copied().max().map_or(0, |m| m as usize + 1);
    if classes < 2 {
        bail!("{}: needs at least 2 classes", labels.display());
    }
    Ok(Dataset {
        name: dir.display().to_string(),
        features: pixels.iter().map(|&p| p as f32 / 255.0).collect(),
        labels: labs,
        dim: rows * cols,
        classes,
    })
}

/// The first of `names` (plain, then `.gz`) that exists in `dir`.
fn find(dir: &Path, names: &[&str]) -> anyhow::Result<PathBuf> {
    for gz in [false, true] {
        for n in names {
            let p = dir.join(if gz { format!("{n}.gz") } else { n.to_string() });
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    bail!(
        "{}: no {} file (looked for {}, optionally .gz)",
        dir.display(),
        if names == IMAGE_NAMES {
            "images"
        } else {
            "labels"
        },
        names.join(" or ")
    )
}

/// The whole file, gunzipped when its name ends in `.gz`.
fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    let raw = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("{}: not valid gzip", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Checks the magic and header length; returns the `ndim` dimensions.
fn header(b: &[u8], name: &str, magic: u32, what: &str) -> anyhow::Result<Vec<usize>> {
    if b.len() < 4 {
        bail!(
            "{name}: truncated at byte offset {}: the 4-byte magic number is missing",
            b.len()
        );
    }
    let m = be32(b, 0);
    if m != magic {
        let hint = match m {
            IMAGES_MAGIC => " (this is an images file)",
            LABELS_MAGIC => " (this is a labels file)",
            _ => "",
        };
        bail!("{name}: wrong magic number 0x{m:08x} at byte offset 0, expected 0x{magic:08x} for an IDX {what} file{hint}");
    }
    let ndim = (magic & 0xff) as usize;
    let need = 4 + 4 * ndim;
    if b.len() < need {
        bail!(
            "{name}: truncated at byte offset {}: the header needs {need} bytes ({ndim} dimensions)",
            b.len()
        );
    }
    let dims: Vec<usize> = (0..ndim).map(|i| be32(b, 4 + 4 * i) as usize).collect();
    if let Some(i) = dims.iter().position(|&d| d == 0) {
        bail!(
            "{name}: dimension {i} (at byte offset {}) is zero",
            4 + 4 * i
        );
    }
    Ok(dims)
}

/// Checks that exactly `n_items` items of `item_bytes` follow a `start`-byte header.
fn check_body(
    b: &[u8],
    name: &str,
    start: usize,
    n_items: usize,
    item_bytes: usize,
    what: &str,
) -> anyhow::Result<()> {
    let want = n_items
        .checked_mul(item_bytes)
        .and_then(|v| v.checked_add(start))
        .with_context(|| format!("{name}: header announces an impossibly large file"))?;
    if b.len() < want {
        let complete = (b.len() - start) / item_bytes;
        bail!(
            "{name}: truncated at byte offset {}: the header announces {n_items} {what} ({want} bytes) \
             but the file ends after {complete} complete {what}",
            b.len()
        );
    }
    if b.len() > want {
        bail!(
            "{name}: {} unexpected bytes after the last of {n_items} {what} (from byte offset {want})",
            b.len() - want
        );
    }
    Ok(())
}

/// Parses an idx3 u8 images file: `(n, rows, cols, pixels)`.
pub fn parse_images(b: &[u8], name: &str) -> anyhow::Result<(usize, usize, usize, Vec<u8>)> {
    let d = header(b, name, IMAGES_MAGIC, "images (idx3, unsigned byte)")?;
    let (n, rows, cols) = (d[0], d[1], d[2]);
    let px = rows
        .checked_mul(cols)
        .with_context(|| format!("{name}: {rows}×{cols} images are too large"))?;
    check_body(b, name, 16, n, px, "images")?;
    Ok((n, rows, cols, b[16..].to_vec()))
}

/// Parses an idx1 u8 labels file.
pub fn parse_labels(b: &[u8], name: &str) -> anyhow::Result<Vec<u8>> {
    let d = header(b, name, LABELS_MAGIC, "labels (idx1, unsigned byte)")?;
    check_body(b, name, 8, d[0], 1, "labels")?;
    Ok(b[8..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = std::env::temp_dir().join(format!(
                "mlp-rtl-idx-{tag}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn images(n: u32, rows: u32, cols: u32, pixels: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        for x in [IMAGES_MAGIC, n, rows, cols] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        v.extend_from_slice(pixels);
        v
    }

    fn labels(n: u32, l: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        for x in [LABELS_MAGIC, n] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        v.extend_from_slice(l);
        v
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn write(dir: &TempDir, name: &str, b: &[u8]) {
        std::fs::write(dir.0.join(name), b).unwrap();
    }

    fn err(dir: &TempDir) -> String {
        let e = load(&dir.0).unwrap_err();
        let s = format!("{e:#}");
        assert!(!s.contains('\n'), "one line: {s}");
        s
    }

    #[test]
    fn loads_plain_and_gz() {
        let px: Vec<u8> = (0..3 * 2 * 2).map(|i| (i * 20) as u8).collect();
        for zipped in [false, true] {
            let d = TempDir::new("good");
            let (im, lb) = (images(3, 2, 2, &px), labels(3, &[0, 2, 1]));
            if zipped {
                write(&d, "train-images-idx3-ubyte.gz", &gz(&im));
                write(&d, "train-labels.idx1-ubyte.gz", &gz(&lb));
            } else {
                write(&d, "train-images-idx3-ubyte", &im);
                write(&d, "train-labels-idx1-ubyte", &lb);
            }
            let ds = load(&d.0).unwrap();
            assert_eq!((ds.len(), ds.dim, ds.classes), (3, 4, 3));
            assert_eq!(ds.labels, vec![0, 2, 1]);
            assert_eq!(ds.row(1)[0], 80.0 / 255.0);
            assert_eq!(ds.features[11], 220.0 / 255.0);
        }
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let px = [7u8; 8];
        let cases: Vec<(Vec<u8>, Vec<u8>, &str)> = vec![
            (
                images(2, 2, 2, &px[..7]),
                labels(2, &[0, 1]),
                "truncated at byte offset 23",
            ),
            (
                images(2, 2, 2, &px),
                labels(2, &[0]),
                "truncated at byte offset 9",
            ),
            (
                images(2, 2, 2, &px),
                labels(3, &[0, 1, 1]),
                "holds 2 images but",
            ),
            (
                labels(2, &[0, 1]),
                labels(2, &[0, 1]),
                "wrong magic number 0x00000801",
            ),
            (
                images(2, 2, 2, &px),
                images(2, 2, 2, &px),
                "expected 0x00000801",
            ),
            (
                images(2, 2, 2, &px)[..10].to_vec(),
                labels(2, &[0, 1]),
                "header needs 16 bytes",
            ),
            (vec![0, 0], labels(2, &[0, 1]), "magic number is missing"),
            (
                images(2, 0, 2, &[]),
                labels(2, &[0, 1]),
                "dimension 1 (at byte offset 8) is zero",
            ),
            (
                images(2, 2, 2, &[1; 9]),
                labels(2, &[0, 1]),
                "1 unexpected bytes",
            ),
            (
                images(2, 2, 2, &px),
                labels(2, &[0, 0]),
                "at least 2 classes",
            ),
        ];
        for (im, lb, want) in cases {
            let d = TempDir::new("bad");
            write(&d, "train-images-idx3-ubyte", &im);
            write(&d, "train-labels-idx1-ubyte", &lb);
            let e = err(&d);
            assert!(e.contains(want), "want {want:?} in {e}");
            assert!(e.contains("train-"), "names the file: {e}");
        }
        let d = TempDir::new("missing");
        write(&d, "train-images-idx3-ubyte", &images(1, 1, 1, &[0]));
        assert!(err(&d).contains("no labels file"));
        write(&d, "train-labels-idx1-ubyte.gz", b"not gzip");
        assert!(err(&d).contains("not valid gzip"));
        assert!(load(&d.0.join("nope"))
            .unwrap_err()
            .to_string()
            .contains("not a directory"));
    }
}
