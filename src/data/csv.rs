//! CSV data: one sample a line, `feature,feature,…,label`; the label is an integer class 0..K−1.
//! Features are scaled to [0, 1] by one global min–max over the file (digits: 0..16 → /16).
//! A blank line is skipped; a line starting with a letter on line 1 is taken as a header.

use super::Dataset;
use anyhow::{bail, Context};
use std::io::Read;
use std::path::Path;

/// Read a CSV file (gzipped if its name ends in `.gz`).
pub fn load(path: &Path) -> anyhow::Result<Dataset> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .with_context(|| format!("{}: not valid gzip text", path.display()))?;
    } else {
        std::io::BufReader::new(file)
            .read_to_string(&mut text)
            .with_context(|| format!("{}: not valid UTF-8 text", path.display()))?;
    }
    parse(&text, &path.display().to_string())
}

/// Parse CSV text; `name` is used in error messages and as the data set's name.
pub fn parse(text: &str, name: &str) -> anyhow::Result<Dataset> {
    let mut raw: Vec<f64> = Vec::new();
    let mut labels = Vec::new();
    let mut dim: Option<usize> = None;
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if ln == 0 && line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue; // header
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 2 {
            bail!(
                "{name}: line {}: needs at least one feature and a label",
                ln + 1
            );
        }
        let d = fields.len() - 1;
        match dim {
            None => dim = Some(d),
            Some(e) if e != d => bail!(
                "{name}: line {}: {} features, but earlier lines have {e}",
                ln + 1,
                d
            ),
            _ => {}
        }
        for (col, f) in fields[..d].iter().enumerate() {
            let v: f64 = f.parse().map_err(|_| {
                anyhow::anyhow!(
                    "{name}: line {}, column {}: '{f}' is not a number",
                    ln + 1,
                    col + 1
                )
            })?;
            if !v.is_finite() {
                bail!(
                    "{name}: line {}, column {}: '{f}' is not finite",
                    ln + 1,
                    col + 1
                );
            }
            raw.push(v);
        }
        let l = fields[d];
        let label: u8 = l.parse().map_err(|_| {
            anyhow::anyhow!(
                "{name}: line {}, column {}: label '{l}' is not a class number 0..255",
                ln + 1,
                d + 1
            )
        })?;
        labels.push(label);
    }
    let Some(dim) = dim else {
        bail!("{name}: no samples");
    };
    let classes = *labels.iter().max().unwrap() as usize + 1;
    if classes < 2 {
        bail!("{name}: needs at least 2 classes");
    }
    let (lo, hi) = raw
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let features = raw.iter().map(|&v| ((v - lo) / span) as f32).collect();
    Ok(Dataset {
        name: name.to_string(),
        features,
        labels,
        dim,
        classes,
    })
}
