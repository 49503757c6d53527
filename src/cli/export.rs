//! `mlp-rtl export`: memory images of a model file (see `mlp_rtl::export`).

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Model file (written by `train --save` or `--checkpoint`).
    #[arg(long)]
    pub model: PathBuf,
    /// Output directory (created if missing; must not be a file).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(a: ExportArgs) -> anyhow::Result<()> {
    let m = mlp_rtl::export::export(&a.model, &a.out)?;
    for l in &m.layers {
        let sat = if l.saturated > 0 {
            format!(", {} values saturated", l.saturated)
        } else {
            String::new()
        };
        println!(
            "{}: layer {} ({} x {} words, {}{sat})",
            a.out.join(&l.file).display(),
            l.layer,
            l.rows,
            l.cols,
            l.format
        );
    }
    println!("{}", a.out.join("manifest.json").display());
    Ok(())
}
