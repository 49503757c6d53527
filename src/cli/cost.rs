//! `mlp-rtl cost`: the lecture's cost model of an MLP, per layer and in total.
//!
//! For a layer with `C_in` inputs, `C_out` outputs, batch `B` and `bits` per stored value:
//! - inference MACs `B·C_in·C_out`
//! - weight storage `C_in·C_out·bits`, bias storage `C_out·bits`
//! - activation storage `B·(C_in + C_out)·bits` (the layer's input and output batch)
//!
//! Training cost of one mini-batch step:
//! - forward MACs: as inference, `B·C_in·C_out`
//! - backward MACs: `dW = Xᵀ·dY` costs `B·C_in·C_out` for every layer, `dX = dY·Wᵀ` another
//!   `B·C_in·C_out` for every layer except the first (nothing consumes the input's gradient)
//! - update ops: one per parameter, `C_in·C_out + C_out`

use clap::Args;
use serde::Serialize;

#[derive(Args, Debug)]
pub struct CostArgs {
    /// Config file (TOML) or `preset:NAME`; default: the embedded default config.
    #[arg(long)]
    pub config: Option<String>,
    /// Layer widths, input first, e.g. `64,32,10` (overrides model.layers).
    #[arg(long)]
    pub layers: Option<String>,
    /// Batch size B (overrides train.batch_size).
    #[arg(long, allow_negative_numbers = true)]
    pub batch: Option<u64>,
    /// Bits per stored value.
    #[arg(long, default_value_t = 16, allow_negative_numbers = true)]
    pub bits: u64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerCost {
    pub c_in: u64,
    pub c_out: u64,
    pub macs: u64,
    pub weight_bits: u64,
    pub bias_bits: u64,
    pub activation_bits: u64,
    pub forward_macs: u64,
    pub backward_macs: u64,
    pub update_ops: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingCost {
    pub forward_macs: u64,
    pub backward_macs: u64,
    /// forward + backward
    pub total_macs: u64,
    pub update_ops: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cost {
    pub batch: u64,
    pub bits: u64,
    pub macs: u64,
    pub weight_bits: u64,
    pub bias_bits: u64,
    pub activation_bits: u64,
    pub layers: Vec<LayerCost>,
    pub training: TrainingCost,
}

fn mul(xs: &[u64]) -> anyhow::Result<u64> {
    xs.iter()
        .try_fold(1u64, |a, &x| a.checked_mul(x))
        .ok_or_else(|| anyhow::anyhow!("cost overflows 64 bits; use smaller layers, batch or bits"))
}

fn add(a: u64, b: u64) -> anyhow::Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| anyhow::anyhow!("cost overflows 64 bits; use smaller layers, batch or bits"))
}

/// The cost of `widths` (input first) at batch `b` and `bits` per value.
pub fn cost(widths: &[u64], b: u64, bits: u64) -> anyhow::Result<Cost> {
    if widths.len() < 2 {
        anyhow::bail!("layers: needs at least an input and an output width");
    }
    if let Some(i) = widths.iter().position(|&w| w == 0) {
        anyhow::bail!("layers: layer {i} has zero width");
    }
    if b == 0 {
        anyhow::bail!("batch must be at least 1");
    }
    if bits == 0 {
        anyhow::bail!("bits must be at least 1");
    }
    let mut layers = Vec::new();
    for (i, p) in widths.windows(2).enumerate() {
        let (ci, co) = (p[0], p[1]);
        let macs = mul(&[b, ci, co])?;
        let dx = if i == 0 { 0 } else { macs };
        layers.push(LayerCost {
            c_in: ci,
            c_out: co,
            macs,
            weight_bits: mul(&[ci, co, bits])?,
            bias_bits: mul(&[co, bits])?,
            activation_bits: mul(&[b, add(ci, co)?, bits])?,
            forward_macs: macs,
            backward_macs: add(macs, dx)?,
            update_ops: add(mul(&[ci, co])?, co)?,
        });
    }
    let sum = |f: fn(&LayerCost) -> u64| layers.iter().try_fold(0u64, |a, l| add(a, f(l)));
    let training = TrainingCost {
        forward_macs: sum(|l| l.forward_macs)?,
        backward_macs: sum(|l| l.backward_macs)?,
        total_macs: add(sum(|l| l.forward_macs)?, sum(|l| l.backward_macs)?)?,
        update_ops: sum(|l| l.update_ops)?,
    };
    Ok(Cost {
        batch: b,
        bits,
        macs: sum(|l| l.macs)?,
        weight_bits: sum(|l| l.weight_bits)?,
        bias_bits: sum(|l| l.bias_bits)?,
        activation_bits: sum(|l| l.activation_bits)?,
        layers,
        training,
    })
}

/// Parses `--layers`, e.g. `64,32,10`.
pub fn parse_layers(s: &str) -> anyhow::Result<Vec<u64>> {
    s.split(',')
        .map(|p| {
            let p = p.trim();
            p.parse::<u64>().map_err(|_| {
                anyhow::anyhow!(
                    "--layers: '{p}' is not a layer width (expected e.g. --layers 64,32,10)"
                )
            })
        })
        .collect()
}

pub fn run(a: CostArgs) -> anyhow::Result<()> {
    let cfg = super::load_config(a.config.as_deref())?;
    if a.batch == Some(0) {
        anyhow::bail!("--batch must be at least 1");
    }
    if a.bits == 0 {
        anyhow::bail!("--bits must be at least 1");
    }
    let widths = match &a.layers {
        Some(s) => parse_layers(s)?,
        None => cfg.model.layers.iter().map(|&w| w as u64).collect(),
    };
    let b = a.batch.unwrap_or(cfg.train.batch_size as u64);
    let c = cost(&widths, b, a.bits).map_err(|e| {
        let src = if a.layers.is_some() {
            "--layers"
        } else {
            "model.layers"
        };
        anyhow::anyhow!("{}", e.to_string().replace("layers:", &format!("{src}:")))
    })?;
    if a.json {
        println!("{}", serde_json::to_string(&c)?);
        return Ok(());
    }
    println!("cost model: batch {}, {} bits per value", c.batch, c.bits);
    println!(
        "{:>6} {:>12} {:>14} {:>12} {:>12} {:>16} {:>14} {:>14} {:>12}",
        "layer",
        "shape",
        "MACs",
        "weight bits",
        "bias bits",
        "activation bits",
        "fwd MACs",
        "bwd MACs",
        "update ops"
    );
    for (i, l) in c.layers.iter().enumerate() {
        println!(
            "{:>6} {:>12} {:>14} {:>12} {:>12} {:>16} {:>14} {:>14} {:>12}",
            i,
            format!("{}x{}", l.c_in, l.c_out),
            l.macs,
            l.weight_bits,
            l.bias_bits,
            l.activation_bits,
            l.forward_macs,
            l.backward_macs,
            l.update_ops
        );
    }
    println!(
        "{:>6} {:>12} {:>14} {:>12} {:>12} {:>16} {:>14} {:>14} {:>12}",
        "total",
        "",
        c.macs,
        c.weight_bits,
        c.bias_bits,
        c.activation_bits,
        c.training.forward_macs,
        c.training.backward_macs,
        c.training.update_ops
    );
    println!(
        "training step: {} MACs (forward {} + backward {}), {} update ops",
        c.training.total_macs,
        c.training.forward_macs,
        c.training.backward_macs,
        c.training.update_ops
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecture_example() {
        let c = cost(&[2, 3], 4, 32).unwrap();
        assert_eq!(
            (c.macs, c.weight_bits, c.bias_bits, c.activation_bits),
            (24, 192, 96, 640)
        );
        assert_eq!(c.training.backward_macs, 24); // dW only: first layer has no dX
        assert_eq!(c.training.update_ops, 9);
    }

    #[test]
    fn default_network_by_hand() {
        // 64-32-10, B = 32, 16 bits.
        let c = cost(&[64, 32, 10], 32, 16).unwrap();
        assert_eq!(c.macs, 32 * (64 * 32 + 32 * 10));
        assert_eq!(c.weight_bits, (64 * 32 + 32 * 10) * 16);
        assert_eq!(c.bias_bits, 42 * 16);
        assert_eq!(c.activation_bits, 32 * (96 + 42) * 16);
        assert_eq!(c.training.backward_macs, 32 * 64 * 32 + 2 * 32 * 32 * 10);
        assert_eq!(c.training.total_macs, c.macs + c.training.backward_macs);
        assert_eq!(c.training.update_ops, 64 * 32 + 32 + 32 * 10 + 10);
    }

    #[test]
    fn bad_input() {
        assert!(cost(&[2], 4, 16).is_err());
        assert!(cost(&[2, 0, 3], 4, 16)
            .unwrap_err()
            .to_string()
            .contains("layer 1 has zero width"));
        assert!(cost(&[2, 3], 0, 16).is_err());
        assert!(cost(&[u64::MAX, 3], 4, 16)
            .unwrap_err()
            .to_string()
            .contains("overflows"));
        assert!(parse_layers("2,x").unwrap_err().to_string().contains("'x'"));
        assert!(parse_layers("").is_err());
        assert_eq!(parse_layers("2, 3").unwrap(), vec![2, 3]);
    }
}
