//! Training curves: loss and test accuracy per epoch, one curve per engine.

use super::{draw_err, engine_color, padded_range, render, tick, Picture, FONT};
use crate::report::TrainReport;
use anyhow::{bail, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Draws loss (top panel) and test accuracy (bottom panel) against the epoch for every report
/// (one colour per engine, named in each panel's legend) to `path` (`.svg` or `.png`).
pub fn training_curves(reports: &[TrainReport], path: &Path) -> Result<()> {
    if reports.is_empty() {
        bail!("nothing to plot: no training report");
    }
    for r in reports {
        if r.history.is_empty() {
            bail!(
                "nothing to plot for engine '{}': no epoch in its history",
                r.engine
            );
        }
    }
    render(&Curves { reports }, path)
}

struct Curves<'a> {
    reports: &'a [TrainReport],
}

/// Which per-epoch figure a panel shows.
#[derive(Clone, Copy)]
enum Metric {
    Loss,
    TestAccuracy,
}

impl Metric {
    fn value(self, s: &crate::report::EpochStats) -> f64 {
        match self {
            Metric::Loss => s.loss,
            Metric::TestAccuracy => s.test_accuracy,
        }
    }
}

impl Picture for Curves<'_> {
    fn size(&self) -> (u32, u32) {
        (1000, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        root.fill(&WHITE).map_err(draw_err)?;
        let engines: Vec<&str> = self.reports.iter().map(|r| r.engine.as_str()).collect();
        let root = root
            .titled(
                &format!("Training curves: {}", engines.join(", ")),
                (FONT, 26),
            )
            .map_err(draw_err)?;
        let panels = root.split_evenly((2, 1));
        self.panel(&panels[0], Metric::Loss)?;
        self.panel(&panels[1], Metric::TestAccuracy)?;
        Ok(())
    }
}

impl Curves<'_> {
    fn panel<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, m: Metric) -> Result<()> {
        let max_epoch = self
            .reports
            .iter()
            .flat_map(|r| r.history.iter().map(|s| s.epoch))
            .max()
            .unwrap_or(1);
        // Half a step of room at both ends, so the first and last markers are not cut.
        let pad = (max_epoch as f64 * 0.02).max(0.3);
        let (x0, x1) = (1.0 - pad, max_epoch as f64 + pad);
        let values = || {
            self.reports
                .iter()
                .flat_map(move |r| r.history.iter().map(move |s| m.value(s)))
        };
        let (caption, y_desc, (y0, y1)) = match m {
            Metric::Loss => {
                let (lo, hi) = padded_range(values()).unwrap_or((0.0, 1.0));
                // Losses are non-negative: start the axis at 0 unless they go below.
                ("Training loss per epoch", "loss", (lo.min(0.0), hi))
            }
            Metric::TestAccuracy => {
                let (lo, hi) = padded_range(values()).unwrap_or((0.0, 1.0));
                // Fractions in [0, 1]; zoom on the data but never past 0 or 1 (or 100%).
                let top = if hi <= 1.05 { 1.0 } else { 100.0 };
                (
                    "Test accuracy per epoch",
                    "test accuracy",
                    (lo.max(0.0), top),
                )
            }
        };
        let mut chart = ChartBuilder::on(area)
            .caption(caption, (FONT, 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(draw_err)?;
        let int_labels = max_epoch.clamp(2, 12);
        chart
            .configure_mesh()
            .x_labels(int_labels)
            .x_label_formatter(&|x| {
                if (x - x.round()).abs() < 1e-9 {
                    format!("{}", x.round() as i64)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| match m {
                Metric::Loss => tick(*y, y1 - y0),
                Metric::TestAccuracy if y1 <= 1.0 => format!("{:.0}%", y * 100.0),
                Metric::TestAccuracy => format!("{y:.0}%"),
            })
            .x_desc("epoch")
            .y_desc(y_desc)
            .label_style((FONT, 15))
            .axis_desc_style((FONT, 16))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .draw()
            .map_err(draw_err)?;

        for (i, r) in self.reports.iter().enumerate() {
            let color = engine_color(&r.engine, i);
            let points: Vec<(f64, f64)> = r
                .history
                .iter()
                .map(|s| (s.epoch as f64, m.value(s)))
                .filter(|(_, y)| y.is_finite())
                .collect();
            let last = points.last().map(|p| p.1);
            let label = match (m, last) {
                (Metric::Loss, Some(v)) => format!("{} (final {v:.4})", r.engine),
                (Metric::TestAccuracy, Some(v)) if y1 <= 1.0 => {
                    format!("{} (final {:.2}%)", r.engine, v * 100.0)
                }
                (Metric::TestAccuracy, Some(v)) => format!("{} (final {v:.2}%)", r.engine),
                (_, None) => format!("{} (no finite value)", r.engine),
            };
            let style = ShapeStyle::from(&color).stroke_width(2);
            chart
                .draw_series(LineSeries::new(points.iter().copied(), style))
                .map_err(draw_err)?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
            if points.len() <= 60 {
                chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&p| Circle::new(p, 3, ShapeStyle::from(&color).filled())),
                    )
                    .map_err(draw_err)?;
            }
        }
        chart
            .configure_series_labels()
            .position(match m {
                Metric::Loss => SeriesLabelPosition::UpperRight,
                Metric::TestAccuracy => SeriesLabelPosition::LowerRight,
            })
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
    use super::super::testutil::*;
    use super::*;
    use crate::report::EpochStats;

    /// A synthetic report: `epochs` epochs of a decaying loss and a rising accuracy.
    pub(crate) fn report(engine: &str, epochs: usize, offset: f64) -> TrainReport {
        let history: Vec<EpochStats> = (1..=epochs)
            .map(|e| {
                let t = e as f64;
                EpochStats {
                    epoch: e,
                    loss: 2.0 / (1.0 + t) + offset,
                    train_accuracy: 1.0 - 0.5 / t,
                    test_accuracy: 0.97 - 0.6 / (t + 0.5) - offset,
                    lr: 0.1,
                }
            })
            .collect();
        let last = history.last().cloned().unwrap();
        TrainReport {
            engine: engine.into(),
            epochs,
            steps: epochs * 10,
            final_loss: last.loss,
            train_accuracy: last.train_accuracy,
            test_accuracy: last.test_accuracy,
            seconds: 1.0,
            seed: 1,
            history,
            extra: Default::default(),
        }
    }

    #[test]
    fn svg_has_one_point_per_epoch_and_names_the_engines() {
        let dir = scratch_dir("curves_svg");
        let p = dir.join("curves.svg");
        // Different epoch counts, so each curve can be told apart by its number of points.
        let reports = [report("float", 7, 0.0), report("golden", 5, 0.02)];
        training_curves(&reports, &p).unwrap();
        let svg = read_svg(&p);
        // A loss curve and an accuracy curve per engine, each with one point per epoch.
        assert_eq!(svg.lines_with(7), 2, "{:?}", svg.polylines);
        assert_eq!(svg.lines_with(5), 2, "{:?}", svg.polylines);
        assert!(svg.has_text("float (final"), "{:?}", svg.texts);
        assert!(svg.has_text("golden (final"), "{:?}", svg.texts);
        assert!(svg.has_text("Training curves: float, golden"));
        assert!(svg.has_text("Test accuracy per epoch"));
        assert_eq!(files_in(&dir), vec!["curves.svg".to_string()]);
    }

    #[test]
    fn png_renders() {
        let dir = scratch_dir("curves_png");
        let p = dir.join("curves.png");
        training_curves(&[report("float", 12, 0.0)], &p).unwrap();
        assert_eq!(check_png(&p), (1000, 760));
    }

    #[test]
    fn one_epoch_and_non_finite_values_still_plot() {
        let dir = scratch_dir("curves_edge");
        let mut r = report("golden", 4, 0.0);
        r.history[1].loss = f64::NAN;
        training_curves(&[report("float", 1, 0.0), r], &dir.join("c.svg")).unwrap();
        let svg = read_svg(&dir.join("c.svg"));
        assert_eq!(svg.lines_with(4), 1, "accuracy keeps all 4 points");
        assert_eq!(svg.lines_with(3), 1, "the NaN loss is left out");
        assert!(svg.has_text("float (final"), "{:?}", svg.texts);
    }

    #[test]
    fn bad_inputs_and_paths_are_clear_errors_and_write_nothing() {
        let dir = scratch_dir("curves_bad");
        let r = [report("float", 3, 0.0)];
        let e = training_curves(&[], &dir.join("a.svg")).unwrap_err();
        assert!(e.to_string().contains("no training report"), "{e}");
        let mut empty = report("float", 1, 0.0);
        empty.history.clear();
        let e = training_curves(&[empty], &dir.join("a.svg")).unwrap_err();
        assert!(e.to_string().contains("no epoch"), "{e}");
        let e = training_curves(&r, &dir.join("a.jpg")).unwrap_err();
        assert!(e.to_string().contains("unknown picture format"), "{e}");
        let e = training_curves(&r, &dir.join("nope/a.svg")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        std::fs::create_dir(dir.join("d.png")).unwrap();
        let e = training_curves(&r, &dir.join("d.png")).unwrap_err();
        assert!(e.to_string().contains("is a directory"), "{e}");
        assert_eq!(files_in(&dir), vec!["d.png".to_string()]);
    }
}
