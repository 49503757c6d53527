//! Area against array size, from a synthesis sweep: LUTs and flip-flops (top panel) and DSPs
//! (bottom panel) against the number of processing elements, with Fmax where the design placed.

use super::{draw_err, render, Picture, FONT};
use anyhow::{bail, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// One design of a sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPoint {
    /// e.g. `4x4`.
    pub label: String,
    /// Processing elements (rows · cols): the x axis.
    pub pes: usize,
    pub luts: usize,
    pub ffs: usize,
    pub dsps: usize,
    pub brams: usize,
    /// Post-route Fmax, where the design was placed and routed.
    pub fmax_mhz: Option<f64>,
}

/// Draws `points` (increasing `pes`) to `path` (`.svg` or `.png`); `device` names the target, and
/// `lut_limit`/`dsp_limit` (if any) are drawn as the device's capacity.
pub fn area_sweep(
    points: &[AreaPoint],
    device: &str,
    lut_limit: Option<usize>,
    dsp_limit: Option<usize>,
    path: &Path,
) -> Result<()> {
    if points.is_empty() {
        bail!("nothing to plot: the sweep has no design");
    }
    if points.windows(2).any(|w| w[0].pes >= w[1].pes) || points[0].pes == 0 {
        bail!("sweep points must have increasing, non-zero PE counts");
    }
    render(
        &Area {
            points,
            device,
            lut_limit,
            dsp_limit,
        },
        path,
    )
}

struct Area<'a> {
    points: &'a [AreaPoint],
    device: &'a str,
    lut_limit: Option<usize>,
    dsp_limit: Option<usize>,
}

impl Picture for Area<'_> {
    fn size(&self) -> (u32, u32) {
        (1000, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        root.fill(&WHITE).map_err(draw_err)?;
        let root = root
            .titled(
                &format!("Area against MAC-array size ({})", self.device),
                (FONT, 26),
            )
            .map_err(draw_err)?;
        let panels = root.split_evenly((2, 1));
        let lut = RGBColor(31, 119, 180);
        let ff = RGBColor(255, 127, 14);
        let dsp = RGBColor(44, 160, 44);
        let top: Vec<(&str, RGBColor, Vec<usize>)> = vec![
            ("LUTs", lut, self.points.iter().map(|p| p.luts).collect()),
            (
                "flip-flops",
                ff,
                self.points.iter().map(|p| p.ffs).collect(),
            ),
        ];
        self.panel(
            &panels[0],
            "LUTs and flip-flops",
            &top,
            self.lut_limit,
            "LUT capacity",
        )?;
        let bottom = vec![("DSPs", dsp, self.points.iter().map(|p| p.dsps).collect())];
        self.panel(
            &panels[1],
            "DSP blocks",
            &bottom,
            self.dsp_limit,
            "DSP capacity",
        )?;
        Ok(())
    }
}

impl Area<'_> {
    fn panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        caption: &str,
        series: &[(&str, RGBColor, Vec<usize>)],
        limit: Option<usize>,
        limit_name: &str,
    ) -> Result<()> {
        let xs: Vec<f64> = self.points.iter().map(|p| (p.pes as f64).log2()).collect();
        let (x0, x1) = (xs[0] - 0.4, xs[xs.len() - 1] + 0.4);
        let top = series
            .iter()
            .flat_map(|s| s.2.iter().copied())
            .chain(limit)
            .max()
            .unwrap_or(1)
            .max(1) as f64
            * 1.12;
        let mut chart = ChartBuilder::on(area)
            .caption(caption, (FONT, 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, 0.0..top)
            .map_err(draw_err)?;
        let labels: Vec<(f64, String)> = self
            .points
            .iter()
            .zip(&xs)
            .map(|(p, &x)| {
                let f = p
                    .fmax_mhz
                    .map(|f| format!(" ({f:.0} MHz)"))
                    .unwrap_or_default();
                (x, format!("{}{f}", p.label))
            })
            .collect();
        chart
            .configure_mesh()
            .x_labels(labels.len() * 4)
            .x_label_formatter(&|x| {
                labels
                    .iter()
                    .find(|(lx, _)| (lx - x).abs() < 0.05)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default()
            })
            .y_label_formatter(&|y| format!("{y:.0}"))
            .x_desc("MAC array (Fmax where it placed)")
            .label_style((FONT, 15))
            .axis_desc_style((FONT, 16))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .draw()
            .map_err(draw_err)?;
        for (name, color, ys) in series {
            let pts: Vec<(f64, f64)> = xs.iter().zip(ys).map(|(&x, &y)| (x, y as f64)).collect();
            let style = ShapeStyle::from(color).stroke_width(2);
            let last = ys.last().copied().unwrap_or(0);
            chart
                .draw_series(LineSeries::new(pts.iter().copied(), style))
                .map_err(draw_err)?
                .label(format!("{name} (largest {last})"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
            chart
                .draw_series(
                    pts.iter()
                        .map(|&p| Circle::new(p, 4, ShapeStyle::from(color).filled())),
                )
                .map_err(draw_err)?;
        }
        if let Some(l) = limit {
            let style = ShapeStyle::from(&RED.mix(0.7)).stroke_width(1);
            chart
                .draw_series(LineSeries::new([(x0, l as f64), (x1, l as f64)], style))
                .map_err(draw_err)?
                .label(format!("{limit_name} {l}"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font((FONT, 15))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(draw_err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::testutil::{check_png, read_svg, scratch_dir};

    fn sweep() -> Vec<AreaPoint> {
        [
            (1, 156, 68, 1, Some(26.1)),
            (4, 683, 263, 4, Some(24.3)),
            (16, 2838, 1043, 16, None),
        ]
        .iter()
        .map(|&(pes, luts, ffs, dsps, f)| AreaPoint {
            label: format!("{0}x{0}", (pes as f64).sqrt() as usize),
            pes,
            luts,
            ffs,
            dsps,
            brams: 0,
            fmax_mhz: f,
        })
        .collect()
    }

    #[test]
    fn svg_and_png_hold_every_design() {
        let dir = scratch_dir("area");
        let svg = dir.join("area.svg");
        area_sweep(&sweep(), "ice40-up5k", Some(5280), Some(8), &svg).unwrap();
        let s = read_svg(&svg);
        // LUTs, FFs and DSPs: one polyline of 3 points each; both capacity lines of 2 points.
        assert_eq!(s.lines_with(3), 3, "{:?}", s.polylines);
        assert!(s.lines_with(2) >= 2);
        assert!(s.has_text("LUTs (largest 2838)"));
        assert!(s.has_text("DSP capacity 8"));
        assert!(s.has_text("2x2 (24 MHz)"));
        assert!(s.has_text("4x4"));
        let png = dir.join("area.png");
        area_sweep(&sweep(), "ice40-up5k", None, None, &png).unwrap();
        assert_eq!(check_png(&png), (1000, 760));
    }

    #[test]
    fn bad_input_is_an_error_and_writes_nothing() {
        let dir = scratch_dir("area-bad");
        let p = dir.join("a.svg");
        assert!(area_sweep(&[], "x", None, None, &p).is_err());
        let mut s = sweep();
        s.swap(0, 1);
        assert!(area_sweep(&s, "x", None, None, &p)
            .unwrap_err()
            .to_string()
            .contains("increasing"));
        assert!(!p.exists());
    }
}
