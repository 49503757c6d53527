//! CSV data: one sample a line, `feature,feature,…,label`; the label is an integer class 0..K−1.
//! Features are scaled to [0, 1] by one global min–max over the file (digits: 0..16 → /16).
//! Blank lines are skipped; the first non-blank line is a header when it starts with a letter or a
//! `"` (a UTF-8 byte-order mark is ignored). Every line needs the same number of fields. Errors name
//! the file, the line and, for a bad field, its 1-based column; nothing here panics.

use super::Dataset;
use anyhow::{bail, Context};
use std::io::Read;
use std::path::Path;

/// Read a CSV file (gzipped if its name ends in `.gz`).
pub fn load(path: &Path) -> anyhow::Result<Dataset> {
    let name = path.display().to_string();
    if path.is_dir() {
        bail!("{name}: is a directory, not a CSV file");
    }
    let raw = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("{name}: not valid gzip"))?;
        out
    } else {
        raw
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow::anyhow!("{name}: line {line}: not UTF-8 text (byte offset {at})")
    })?;
    parse(text, &name)
}

/// Parse CSV text; `name` is used in error messages and as the data set's name.
pub fn parse(text: &str, name: &str) -> anyhow::Result<Dataset> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut raw: Vec<f64> = Vec::new();
    let mut labels = Vec::new();
    // (features per line, the first data line that had that many)
    let mut dim: Option<(usize, usize)> = None;
    let mut seen_content = false;
    for (ln, line) in text.lines().enumerate() {
        let ln = ln + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let first = !seen_content;
        seen_content = true;
        if first && line.starts_with(|c: char| c.is_alphabetic() || c == '"') {
            continue; // header
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() < 2 {
            bail!("{name}: line {ln}: needs at least one feature and a label, separated by commas");
        }
        let d = fields.len() - 1;
        match dim {
            None => dim = Some((d, ln)),
            Some((e, first_ln)) if e != d => bail!(
                "{name}: line {ln}: {} fields, but line {first_ln} has {} ({e} features and a label)",
                d + 1,
                e + 1
            ),
            _ => {}
        }
        for (col, f) in fields[..d].iter().enumerate() {
            let col = col + 1;
            if f.is_empty() {
                bail!("{name}: line {ln}, column {col}: empty field");
            }
            let v: f64 = f.parse().map_err(|_| {
                anyhow::anyhow!("{name}: line {ln}, column {col}: '{f}' is not a number")
            })?;
            if !v.is_finite() {
                bail!("{name}: line {ln}, column {col}: '{f}' is not finite");
            }
            raw.push(v);
        }
        let l = fields[d];
        let label: u8 = l.parse().map_err(|_| {
            let what = if l.is_empty() {
                "is empty".to_string()
            } else {
                format!("'{l}' is not")
            };
            anyhow::anyhow!(
                "{name}: line {ln}, column {}: label {what} a class number 0..255",
                d + 1
            )
        })?;
        labels.push(label);
    }
    let Some((dim, _)) = dim else {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        let e = parse(text, "t.csv").unwrap_err().to_string();
        assert!(!e.contains('\n'), "one line: {e}");
        assert!(e.starts_with("t.csv: "), "names the file: {e}");
        e
    }

    #[test]
    fn parses_with_header_blank_lines_and_scaling() {
        let ds = parse("\u{feff}\n\"a\",b,label\n0,4,1\r\n\n2, 8 ,0\n", "t").unwrap();
        assert_eq!((ds.len(), ds.dim, ds.classes), (2, 2, 2));
        assert_eq!(ds.features, vec![0.0, 0.5, 0.25, 1.0]);
        assert_eq!(ds.labels, vec![1, 0]);
    }

    #[test]
    fn bad_lines_are_named() {
        let cases = [
            ("1,2,0\n1,0\n", "line 2: 2 fields, but line 1 has 3"),
            ("1,2,0\n1,2,3,0\n", "line 2: 4 fields"),
            ("1,2,0\n1,x,1\n", "line 2, column 2: 'x' is not a number"),
            ("1,2,0\n1,,1\n", "line 2, column 2: empty field"),
            ("1,2,0\n1,2,\n", "line 2, column 3: label is empty"),
            ("1,2,0\n1,2,1.5\n", "line 2, column 3: label '1.5' is not"),
            ("1,2,0\n1,2,-1\n", "label '-1'"),
            ("1,2,0\n1,2,300\n", "label '300'"),
            ("1,NaN,0\n", "line 1, column 2: 'NaN' is not finite"),
            ("x,y\n1,2,0\n7\n", "line 3: needs at least one feature"),
            ("pixel,label\n", "no samples"),
            ("", "no samples"),
            ("1,0\n2,0\n", "at least 2 classes"),
        ];
        for (text, want) in cases {
            let e = err(text);
            assert!(e.contains(want), "want {want:?} in {e}");
        }
    }

    #[test]
    fn file_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("mlp-rtl-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.csv");
        std::fs::write(&bad, b"1,2,0\n1,\xff,1\n").unwrap();
        let e = load(&bad).unwrap_err().to_string();
        assert!(e.contains("bad.csv: line 2: not UTF-8"), "{e}");
        let e = format!("{:#}", load(&dir.join("missing.csv")).unwrap_err());
        assert!(
            e.contains("cannot read") && e.contains("missing.csv"),
            "{e}"
        );
        assert!(load(&dir)
            .unwrap_err()
            .to_string()
            .contains("is a directory"));
        let gz = dir.join("bad.csv.gz");
        std::fs::write(&gz, b"plain").unwrap();
        assert!(load(&gz)
            .unwrap_err()
            .to_string()
            .contains("not valid gzip"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
