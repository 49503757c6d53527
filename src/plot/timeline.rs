//! The timeline of one training step: which hardware unit runs which phase in which cycles.

use super::{draw_err, render, Picture, FONT};
use anyhow::{bail, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;
use std::path::Path;

/// One phase of a training step on one unit, over the cycles `start..end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// What runs, e.g. `forward L1`, `backprop L2`, `update`.
    pub name: String,
    /// Where it runs, e.g. `PE array`, `activation`, `memory`: one row of the timeline per unit.
    pub unit: String,
    /// First cycle.
    pub start: u64,
    /// One past the last cycle.
    pub end: u64,
    /// Fraction of the unit busy during the phase, in [0, 1] (drawn as the bar's shade).
    pub utilization: f64,
}

impl Phase {
    pub fn new(name: &str, unit: &str, start: u64, end: u64, utilization: f64) -> Phase {
        Phase {
            name: name.into(),
            unit: unit.into(),
            start,
            end,
            utilization,
        }
    }
}

/// Draws `phases` as horizontal bars, one row per unit (in order of first appearance), the cycle
/// on the x axis, each bar labelled with its phase and utilization and shaded by the utilization.
pub fn timeline(phases: &[Phase], path: &Path) -> Result<()> {
    if phases.is_empty() {
        bail!("nothing to plot: no phase in the timeline");
    }
    for p in phases {
        if p.end < p.start {
            bail!(
                "phase '{}' on '{}' ends (cycle {}) before it starts (cycle {})",
                p.name,
                p.unit,
                p.end,
                p.start
            );
        }
        if !(0.0..=1.0).contains(&p.utilization) {
            bail!(
                "phase '{}' on '{}': utilization {} is not in [0, 1]",
                p.name,
                p.unit,
                p.utilization
            );
        }
    }
    let mut units: Vec<&str> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for p in phases {
        if !units.contains(&p.unit.as_str()) {
            units.push(&p.unit);
        }
        if !names.contains(&p.name.as_str()) {
            names.push(&p.name);
        }
    }
    render(
        &Timeline {
            phases,
            units,
            names,
        },
        path,
    )
}

struct Timeline<'a> {
    phases: &'a [Phase],
    units: Vec<&'a str>,
    names: Vec<&'a str>,
}

impl Timeline<'_> {
    /// The row of a unit, counted from the bottom, so the first unit is the top row.
    fn row(&self, unit: &str) -> usize {
        let i = self.units.iter().position(|u| *u == unit).unwrap_or(0);
        self.units.len() - 1 - i
    }

    fn color(&self, name: &str) -> RGBColor {
        let i = self.names.iter().position(|n| *n == name).unwrap_or(0);
        let c = Palette99::pick(i).to_rgba();
        RGBColor(c.0, c.1, c.2)
    }
}

/// Width of the legend column on the right.
const LEGEND_W: u32 = 300;
/// Height of one legend line.
const LEGEND_LINE: i32 = 22;

impl Picture for Timeline<'_> {
    fn size(&self) -> (u32, u32) {
        let rows = 150 + 70 * self.units.len() as u32;
        let legend = 90 + LEGEND_LINE as u32 * self.phases.len() as u32;
        (1200, rows.max(legend))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        root.fill(&WHITE).map_err(draw_err)?;
        let start = self.phases.iter().map(|p| p.start).min().unwrap_or(0);
        let end = self.phases.iter().map(|p| p.end).max().unwrap_or(1);
        let (x0, x1) = (start as f64, end.max(start + 1) as f64);
        let busy: u64 = self.phases.iter().map(|p| p.end - p.start).sum();
        let title = format!(
            "Training step timeline: {} cycles, {} phases on {} units (shade = utilization)",
            end - start,
            self.phases.len(),
            self.units.len()
        );
        let area = root.titled(&title, (FONT, 20)).map_err(draw_err)?;
        let (w, _) = area.dim_in_pixel();
        let (left, right) = area.split_horizontally(w.saturating_sub(LEGEND_W));
        let n = self.units.len();
        let mut chart = ChartBuilder::on(&left)
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(140)
            .build_cartesian_2d(x0..x1, 0.0..n as f64)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_desc(format!("cycle ({busy} unit-cycles busy in all)"))
            .x_label_formatter(&|x| format!("{}", x.round() as i64))
            .label_style((FONT, 15))
            .axis_desc_style((FONT, 16))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .draw()
            .map_err(draw_err)?;

        // Unit names left of their rows (drawn in pixels: the y axis has no numeric meaning).
        let unit_font = TextStyle::from((FONT, 15).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        for u in &self.units {
            let (px, py) = chart.backend_coord(&(x0, self.row(u) as f64 + 0.5));
            root.draw(&Text::new(u.to_string(), (px - 10, py), unit_font.clone()))
                .map_err(draw_err)?;
        }

        let label_font = (FONT, 14).into_font();
        let label_style = TextStyle::from(label_font.clone())
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for p in self.phases {
            let row = self.row(&p.unit) as f64;
            let color = self.color(&p.name);
            let (a, b) = (p.start as f64, p.end as f64);
            let corners = [(a, row + 0.18), (b, row + 0.82)];
            chart
                .draw_series([
                    Rectangle::new(corners, color.mix(0.15 + 0.85 * p.utilization).filled()),
                    Rectangle::new(corners, ShapeStyle::from(&color).stroke_width(1)),
                ])
                .map_err(draw_err)?;
            // The label goes inside the bar when it fits; the legend names every phase anyway.
            let label = format!("{} {:.0}%", p.name, p.utilization * 100.0);
            let (pa, py) = chart.backend_coord(&(a, row + 0.5));
            let (pb, _) = chart.backend_coord(&(b, row + 0.5));
            let (tw, _) = label_font.box_size(&label).map_err(draw_err)?;
            if (tw as i32) + 8 <= pb - pa {
                root.draw(&Text::new(label, (pa + 4, py), label_style.clone()))
                    .map_err(draw_err)?;
            }
        }

        // Legend: every phase with its cycles and utilization.
        let legend_style = TextStyle::from((FONT, 13).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        right
            .draw(&Text::new(
                "phase: cycles, utilization".to_string(),
                (10, 30),
                legend_style.clone(),
            ))
            .map_err(draw_err)?;
        for (i, p) in self.phases.iter().enumerate() {
            let y = 30 + LEGEND_LINE * (i as i32 + 1);
            let color = self.color(&p.name);
            right
                .draw(&Rectangle::new(
                    [(10, y - 7), (24, y + 7)],
                    color.mix(0.15 + 0.85 * p.utilization).filled(),
                ))
                .map_err(draw_err)?;
            right
                .draw(&Rectangle::new(
                    [(10, y - 7), (24, y + 7)],
                    ShapeStyle::from(&color).stroke_width(1),
                ))
                .map_err(draw_err)?;
            let text = format!(
                "{} ({}): {}\u{2013}{}, {:.0}%",
                p.name,
                p.unit,
                p.start,
                p.end,
                p.utilization * 100.0
            );
            right
                .draw(&Text::new(text, (32, y), legend_style.clone()))
                .map_err(draw_err)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn step() -> Vec<Phase> {
        vec![
            Phase::new("load", "memory", 0, 40, 1.0),
            Phase::new("forward L1", "PE array", 40, 300, 0.92),
            Phase::new("sigmoid", "activation", 300, 330, 0.5),
            Phase::new("forward L2", "PE array", 330, 420, 0.41),
            Phase::new("backprop", "PE array", 420, 800, 0.77),
            Phase::new("update", "PE array", 800, 1000, 0.64),
            Phase::new("write back", "memory", 800, 1000, 0.3),
        ]
    }

    #[test]
    fn svg_has_a_bar_and_label_per_phase_and_a_row_per_unit() {
        let dir = scratch_dir("timeline_svg");
        let p = dir.join("step.svg");
        let phases = step();
        timeline(&phases, &p).unwrap();
        let svg = read_svg(&p);
        // Every phase is in the legend, with its unit, cycles and utilization.
        for ph in &phases {
            let label = format!(
                "{} ({}): {}\u{2013}{}, {:.0}%",
                ph.name,
                ph.unit,
                ph.start,
                ph.end,
                ph.utilization * 100.0
            );
            assert!(svg.has_text(&label), "{label} in {:?}", svg.texts);
        }
        // Wide bars carry their label; the 30-cycle sigmoid bar is too narrow for one.
        assert!(
            svg.texts.iter().any(|t| t == "backprop 77%"),
            "{:?}",
            svg.texts
        );
        assert!(
            !svg.texts.iter().any(|t| t == "sigmoid 50%"),
            "{:?}",
            svg.texts
        );
        for unit in ["memory", "PE array", "activation"] {
            assert!(
                svg.texts.iter().any(|t| t == unit),
                "{unit}: {:?}",
                svg.texts
            );
        }
        assert!(svg.has_text("1000 cycles, 7 phases on 3 units"));
        // Background, plotting area and a filled bar plus an outline for each phase.
        assert!(svg.rects >= 2 * phases.len(), "{} rects", svg.rects);
    }

    #[test]
    fn png_renders() {
        let dir = scratch_dir("timeline_png");
        let p = dir.join("step.png");
        timeline(&step(), &p).unwrap();
        assert_eq!(check_png(&p), (1200, 150 + 70 * 3));
    }

    /// The planned cycle budget of the default step (docs/ENGINE.md): five GEMMs back to back on the
    /// array, the update unit overlapping the DW phases, the loss unit the last forward layer.
    fn default_step_budget() -> Vec<Phase> {
        let gemms = [
            ("FWD 0", 4160, 1.0),
            ("FWD 1", 792, 0.83),
            ("DX 1", 640, 1.0),
            ("DW 1", 864, 0.76),
            ("DW 0", 4352, 0.96),
        ];
        let mut t = 0;
        let mut v = Vec::new();
        for (name, cycles, util) in gemms {
            v.push(Phase::new(name, "PE array 4x4", t, t + cycles, util));
            if name == "FWD 1" {
                v.push(Phase::new("loss", "loss unit", t + 100, t + cycles, 0.3));
            }
            if name.starts_with("DW") {
                v.push(Phase::new(
                    &format!("update {}", &name[3..]),
                    "update unit",
                    t + 32,
                    t + cycles + 16,
                    0.5,
                ));
            }
            t += cycles;
        }
        v
    }

    #[test]
    fn default_step_budget_renders() {
        let dir = scratch_dir("timeline_budget");
        timeline(&default_step_budget(), &dir.join("step.png")).unwrap();
        check_png(&dir.join("step.png"));
        timeline(&default_step_budget(), &dir.join("step.svg")).unwrap();
        let svg = read_svg(&dir.join("step.svg"));
        assert!(
            svg.has_text("10824 cycles, 8 phases on 3 units"),
            "{:?}",
            svg.texts
        );
        assert!(
            svg.texts.iter().any(|t| t == "FWD 0 100%"),
            "{:?}",
            svg.texts
        );
    }

    #[test]
    fn one_phase_on_one_unit() {
        let dir = scratch_dir("timeline_one");
        let p = dir.join("one.svg");
        timeline(&[Phase::new("update", "PE array", 5, 5, 0.0)], &p).unwrap();
        let svg = read_svg(&p);
        assert!(svg.texts.iter().any(|t| t == "PE array"), "{:?}", svg.texts);
        assert!(
            svg.has_text("0 cycles, 1 phases on 1 units"),
            "{:?}",
            svg.texts
        );
    }

    #[test]
    fn bad_phases_are_clear_errors_and_write_nothing() {
        let dir = scratch_dir("timeline_bad");
        let p = dir.join("t.svg");
        let e = timeline(&[], &p).unwrap_err();
        assert!(e.to_string().contains("no phase"), "{e}");
        let e = timeline(&[Phase::new("f", "pe", 9, 3, 0.5)], &p).unwrap_err();
        assert!(e.to_string().contains("ends (cycle 3) before"), "{e}");
        let e = timeline(&[Phase::new("f", "pe", 0, 3, 1.5)], &p).unwrap_err();
        assert!(e.to_string().contains("not in [0, 1]"), "{e}");
        let e = timeline(&[Phase::new("f", "pe", 0, 3, f64::NAN)], &p).unwrap_err();
        assert!(e.to_string().contains("not in [0, 1]"), "{e}");
        assert!(files_in(&dir).is_empty());
    }
}
