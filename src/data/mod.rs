//! Data sets: the embedded `digits` set, user CSV and IDX (MNIST) files, the fixed stratified
//! train/test split and the seeded per-epoch sample order shared by every engine.
//!
//! Features are scaled to [0, 1]. The sample order of epoch `e` is a Fisher–Yates shuffle driven by
//! `ChaCha8Rng` seeded from `(seed, e)` alone, so a resumed run needs no RNG state to reproduce it.

pub mod csv;
pub mod idx;

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::Read;
use std::path::PathBuf;

/// The embedded default data set (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0;
/// see `data/README.md`).
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../data/digits.csv.gz");

/// A labelled data set, features row-major and scaled to [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub name: String,
    /// `n × dim` features, row-major.
    pub features: Vec<f32>,
    pub labels: Vec<u8>,
    pub dim: usize,
    pub classes: usize,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.features[i * self.dim..(i + 1) * self.dim]
    }

    /// The samples at `idx`, in that order.
    pub fn subset(&self, idx: &[usize], name: &str) -> Dataset {
        let mut features = Vec::with_capacity(idx.len() * self.dim);
        let mut labels = Vec::with_capacity(idx.len());
        for &i in idx {
            features.extend_from_slice(self.row(i));
            labels.push(self.labels[i]);
        }
        Dataset {
            name: name.to_string(),
            features,
            labels,
            dim: self.dim,
            classes: self.classes,
        }
    }
}

/// Where data comes from: `digits`, `csv:PATH` or `idx:DIR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Digits,
    Csv(PathBuf),
    Idx(PathBuf),
}

impl DataSource {
    pub fn parse(spec: &str) -> Result<DataSource, String> {
        if spec == "digits" {
            Ok(DataSource::Digits)
        } else if let Some(p) = spec.strip_prefix("csv:") {
            if p.is_empty() {
                return Err("csv: needs a path (csv:PATH)".into());
            }
            Ok(DataSource::Csv(PathBuf::from(p)))
        } else if let Some(p) = spec.strip_prefix("idx:") {
            if p.is_empty() {
                return Err("idx: needs a directory (idx:DIR)".into());
            }
            Ok(DataSource::Idx(PathBuf::from(p)))
        } else {
            Err(format!(
                "unknown data set '{spec}' (use digits, csv:PATH or idx:DIR)"
            ))
        }
    }

    pub fn load(&self) -> anyhow::Result<Dataset> {
        match self {
            DataSource::Digits => Ok(digits()),
            DataSource::Csv(p) => csv::load(p),
            DataSource::Idx(p) => idx::load(p),
        }
    }
}

/// The embedded digits set: 1797 samples of 64 pixels (0..16, scaled by 1/16), 10 classes.
pub fn digits() -> Dataset {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DIGITS_CSV_GZ)
        .read_to_string(&mut text)
        .expect("embedded digits data is valid gzip");
    let mut ds = csv::parse(&text, "digits (embedded)").expect("embedded digits data parses");
    ds.name = "digits".into();
    ds
}

/// The fixed, seeded, stratified split: for each class, its samples shuffled by `split_seed` and the
/// first `round(n_class · test_fraction)` go to test. Both halves keep the original sample order.
pub fn split(ds: &Dataset, test_fraction: f64, split_seed: u64) -> (Dataset, Dataset) {
    let mut rng = ChaCha8Rng::seed_from_u64(split_seed ^ 0x5EED_5417);
    let mut is_test = vec![false; ds.len()];
    for c in 0..ds.classes {
        let mut idx: Vec<usize> = (0..ds.len())
            .filter(|&i| ds.labels[i] as usize == c)
            .collect();
        idx.shuffle(&mut rng);
        let n_test = (idx.len() as f64 * test_fraction).round() as usize;
        for &i in &idx[..n_test] {
            is_test[i] = true;
        }
    }
    let train: Vec<usize> = (0..ds.len()).filter(|&i| !is_test[i]).collect();
    let test: Vec<usize> = (0..ds.len()).filter(|&i| is_test[i]).collect();
    (
        ds.subset(&train, &format!("{}/train", ds.name)),
        ds.subset(&test, &format!("{}/test", ds.name)),
    )
}

/// The order in which epoch `epoch` visits `n` training samples, for training seed `seed`.
/// Every engine uses this, so float, golden and RTL see the same mini-batches.
pub fn epoch_order(n: usize, seed: u64, epoch: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (epoch as u64).wrapping_add(0xD1B5_4A32_D192_ED03),
    );
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);
    order
}

/// Mini-batches of one epoch: consecutive chunks of `epoch_order`; the last one may be short.
pub fn epoch_batches(n: usize, batch: usize, seed: u64, epoch: usize) -> Vec<Vec<usize>> {
    epoch_order(n, seed, epoch)
        .chunks(batch)
        .map(|c| c.to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_shape_and_scale() {
        let d = digits();
        assert_eq!(d.len(), 1797);
        assert_eq!(d.dim, 64);
        assert_eq!(d.classes, 10);
        assert!(d.features.iter().all(|&x| (0.0..=1.0).contains(&x)));
        assert!(d.features.contains(&1.0));
    }

    #[test]
    fn split_is_stratified_fixed_and_disjoint() {
        let d = digits();
        let (tr, te) = split(&d, 0.2, 0);
        assert_eq!(tr.len() + te.len(), d.len());
        for c in 0..10u8 {
            let n = d.labels.iter().filter(|&&l| l == c).count();
            let nt = te.labels.iter().filter(|&&l| l == c).count();
            assert_eq!(nt, (n as f64 * 0.2).round() as usize, "class {c}");
        }
        let (tr2, te2) = split(&d, 0.2, 0);
        assert_eq!(tr, tr2);
        assert_eq!(te, te2);
        let (_, te3) = split(&d, 0.2, 1);
        assert_ne!(te, te3);
    }

    #[test]
    fn epoch_order_is_a_seeded_permutation() {
        let a = epoch_order(100, 7, 3);
        let mut s = a.clone();
        s.sort();
        assert_eq!(s, (0..100).collect::<Vec<_>>());
        assert_eq!(a, epoch_order(100, 7, 3));
        assert_ne!(a, epoch_order(100, 7, 4));
        assert_ne!(a, epoch_order(100, 8, 3));
        let b = epoch_batches(100, 32, 7, 3);
        assert_eq!(b.len(), 4);
        assert_eq!(b[3].len(), 4);
    }
}
