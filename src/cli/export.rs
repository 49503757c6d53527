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
        if let Some(e) = &l.engine {
            for b in [&e.w, &e.v] {
                let sat = if b.saturated > 0 {
                    format!(", {} values saturated", b.saturated)
                } else {
                    String::new()
                };
                println!(
                    "{}: {} in {} banks x {} words ({}, {}{sat})",
                    a.out
                        .join(b.files[0].replace("_bank0.hex", "_bank*.hex"))
                        .display(),
                    b.memory,
                    e.banks,
                    e.depth,
                    b.format,
                    b.source
                );
            }
        }
    }
    if m.engine_layout != mlp_rtl::export::ENGINE_LAYOUT {
        println!("{}", m.engine_layout_doc);
    }
    println!("{}", a.out.join("manifest.json").display());
    Ok(())
}
