//! Kaiming-normal initialisation (He et al. 2015): `W ~ N(0, 2/n_in)`, biases 0.
//! Drawn in f64 from `ChaCha8Rng` seeded by the training seed, layer by layer, row-major, so every
//! engine (float, and the fixed-point ones after quantisation) starts from the same weights.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// Initial parameters of one linear layer `Y = XW + b`.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerInit {
    pub n_in: usize,
    pub n_out: usize,
    /// `n_in × n_out`, row-major: `w[k * n_out + j]` connects input k to output j.
    pub w: Vec<f64>,
    /// `n_out` biases.
    pub b: Vec<f64>,
}

/// Kaiming-normal weights for every layer of `layers` (widths, input first).
pub fn kaiming(layers: &[usize], seed: u64) -> Vec<LayerInit> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x004B_4149_4D49_4E47);
    layers
        .windows(2)
        .map(|p| {
            let (n_in, n_out) = (p[0], p[1]);
            let normal = Normal::new(0.0, (2.0 / n_in as f64).sqrt()).expect("finite std");
            let w = (0..n_in * n_out).map(|_| normal.sample(&mut rng)).collect();
            LayerInit {
                n_in,
                n_out,
                w,
                b: vec![0.0; n_out],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kaiming_variance_and_determinism() {
        let l = kaiming(&[200, 300, 10], 5);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].w.len(), 60000);
        let var = l[0].w.iter().map(|x| x * x).sum::<f64>() / 60000.0;
        let mean = l[0].w.iter().sum::<f64>() / 60000.0;
        // Sample variance of 60000 normals: relative std error sqrt(2/60000) ≈ 0.6 %; allow 3 %.
        assert!((var / (2.0 / 200.0) - 1.0).abs() < 0.03, "var {var}");
        assert!(mean.abs() < 4.0 * (0.01f64 / 60000.0).sqrt(), "mean {mean}");
        assert!(l[1].b.iter().all(|&b| b == 0.0));
        assert_eq!(l, kaiming(&[200, 300, 10], 5));
        assert_ne!(l, kaiming(&[200, 300, 10], 6));
    }
}
