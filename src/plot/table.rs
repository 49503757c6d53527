//! A lookup table against the float function it approximates: values on top, error below.

use super::{draw_err, padded_range, render, tick, Picture, FONT};
use anyhow::{bail, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// The worst error of a table against its reference function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableError {
    /// `max |table - reference|` over the plotted inputs.
    pub max_abs: f64,
    /// The input where it occurs.
    pub at_x: f64,
}

/// Plots the lookup table `name` (values `table` at inputs `xs`, already converted from fixed point)
/// against its float function (`reference`, at the same inputs): both on the top panel, the error
/// `table - reference` on the bottom one, the maximum absolute error in the title. Returns it.
///
/// The three slices have one entry per sampled input, `xs` increasing.
pub fn table_error(
    name: &str,
    xs: &[f64],
    table: &[f64],
    reference: &[f64],
    path: &Path,
) -> Result<TableError> {
    if xs.is_empty() {
        bail!("nothing to plot for table '{name}': no input");
    }
    if table.len() != xs.len() || reference.len() != xs.len() {
        bail!(
            "table '{name}': {} inputs but {} table values and {} reference values",
            xs.len(),
            table.len(),
            reference.len()
        );
    }
    if let Some(i) = (0..xs.len())
        .find(|&i| !(xs[i].is_finite() && table[i].is_finite() && reference[i].is_finite()))
    {
        bail!("table '{name}': non-finite value at index {i}");
    }
    if xs.windows(2).any(|w| w[1] < w[0]) {
        bail!("table '{name}': inputs are not in increasing order");
    }
    let errors: Vec<f64> = table.iter().zip(reference).map(|(t, r)| t - r).collect();
    let (i_max, max_abs) = errors
        .iter()
        .map(|e| e.abs())
        .enumerate()
        .fold((0, 0.0), |acc, (i, e)| if e > acc.1 { (i, e) } else { acc });
    let stats = TableError {
        max_abs,
        at_x: xs[i_max],
    };
    render(
        &TablePic {
            name,
            xs,
            table,
            reference,
            errors: &errors,
            stats,
            worst: i_max,
        },
        path,
    )?;
    Ok(stats)
}

struct TablePic<'a> {
    name: &'a str,
    xs: &'a [f64],
    table: &'a [f64],
    reference: &'a [f64],
    errors: &'a [f64],
    stats: TableError,
    /// Index of the largest absolute error.
    worst: usize,
}

const TABLE_COLOR: RGBColor = RGBColor(255, 127, 14);
const REF_COLOR: RGBColor = RGBColor(31, 119, 180);
const ERR_COLOR: RGBColor = RGBColor(214, 39, 40);

impl Picture for TablePic<'_> {
    fn size(&self) -> (u32, u32) {
        (1000, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        root.fill(&WHITE).map_err(draw_err)?;
        let title = format!(
            "{} table: max |error| {:.3e} at x = {:.4}",
            self.name, self.stats.max_abs, self.stats.at_x
        );
        let root = root.titled(&title, (FONT, 24)).map_err(draw_err)?;
        let panels = root.split_evenly((2, 1));
        let x_range = padded_range(self.xs.iter().copied()).unwrap_or((0.0, 1.0));

        // Top: the table and the function.
        let (y0, y1) =
            padded_range(self.table.iter().chain(self.reference).copied()).unwrap_or((0.0, 1.0));
        let mut top = ChartBuilder::on(&panels[0])
            .caption(
                format!("{}: table value and float function", self.name),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range.0..x_range.1, y0..y1)
            .map_err(draw_err)?;
        top.configure_mesh()
            .x_label_formatter(&|v| tick(*v, x_range.1 - x_range.0))
            .y_label_formatter(&|v| tick(*v, y1 - y0))
            .x_desc("x")
            .y_desc("value")
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .draw()
            .map_err(draw_err)?;
        let ref_style = ShapeStyle::from(&REF_COLOR).stroke_width(2);
        let tab_style = ShapeStyle::from(&TABLE_COLOR).stroke_width(1);
        top.draw_series(LineSeries::new(
            self.xs.iter().copied().zip(self.reference.iter().copied()),
            ref_style,
        ))
        .map_err(draw_err)?
        .label("float function")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], ref_style));
        top.draw_series(LineSeries::new(
            self.xs.iter().copied().zip(self.table.iter().copied()),
            tab_style,
        ))
        .map_err(draw_err)?
        .label(format!("{} table", self.name))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], tab_style));
        top.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font((FONT, 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(draw_err)?;

        // Bottom: the error, symmetric around 0.
        let m = if self.stats.max_abs > 0.0 {
            self.stats.max_abs * 1.1
        } else {
            1.0
        };
        let mut bottom = ChartBuilder::on(&panels[1])
            .caption(
                format!("error = table - float (max {:.3e})", self.stats.max_abs),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range.0..x_range.1, -m..m)
            .map_err(draw_err)?;
        bottom
            .configure_mesh()
            .x_desc("x")
            .y_desc("error")
            .x_label_formatter(&|v| tick(*v, x_range.1 - x_range.0))
            .y_label_formatter(&|v| tick(*v, 2.0 * m))
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.12))
            .draw()
            .map_err(draw_err)?;
        bottom
            .draw_series(LineSeries::new(
                self.xs.iter().copied().zip(self.errors.iter().copied()),
                ShapeStyle::from(&ERR_COLOR).stroke_width(1),
            ))
            .map_err(draw_err)?;
        let worst = (self.stats.at_x, self.errors[self.worst]);
        bottom
            .draw_series(std::iter::once(Circle::new(
                worst,
                5,
                ShapeStyle::from(&BLACK).stroke_width(2),
            )))
            .map_err(draw_err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    /// A sigmoid table quantised to `frac_bits` fractional bits over [-8, 8).
    fn sigmoid_table(n: usize, frac_bits: i32) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let scale = 2f64.powi(frac_bits);
        let xs: Vec<f64> = (0..n).map(|i| -8.0 + 16.0 * i as f64 / n as f64).collect();
        let reference: Vec<f64> = xs.iter().map(|x| 1.0 / (1.0 + (-x).exp())).collect();
        let table = reference
            .iter()
            .map(|v| (v * scale).round() / scale)
            .collect();
        (xs, table, reference)
    }

    #[test]
    fn svg_plots_every_entry_and_reports_the_max_error() {
        let dir = scratch_dir("table_svg");
        let p = dir.join("sigmoid.svg");
        let (xs, table, reference) = sigmoid_table(256, 8);
        let st = table_error("sigmoid", &xs, &table, &reference, &p).unwrap();
        // Rounding to 8 fractional bits: error at most half an LSB, and close to it somewhere.
        assert!(
            st.max_abs <= 0.5 / 256.0 + 1e-12 && st.max_abs > 0.4 / 256.0,
            "{st:?}"
        );
        let svg = read_svg(&p);
        // Table, function and error: three curves of 256 points.
        assert_eq!(svg.lines_with(256), 3, "{:?}", svg.polylines);
        assert!(
            svg.has_text("sigmoid table: max |error| 1.9"),
            "{:?}",
            svg.texts
        );
        assert!(svg.has_text("float function"));
    }

    #[test]
    fn png_renders() {
        let dir = scratch_dir("table_png");
        let p = dir.join("tanh.png");
        let xs: Vec<f64> = (0..64).map(|i| -4.0 + i as f64 / 8.0).collect();
        let reference: Vec<f64> = xs.iter().map(|x| x.tanh()).collect();
        let table: Vec<f64> = reference
            .iter()
            .map(|v| (v * 64.0).floor() / 64.0)
            .collect();
        table_error("tanh", &xs, &table, &reference, &p).unwrap();
        check_png(&p);
    }

    #[test]
    fn exact_table_plots_with_zero_error() {
        let dir = scratch_dir("table_exact");
        let xs = [0.0, 1.0, 2.0];
        let st = table_error("id", &xs, &xs, &xs, &dir.join("id.svg")).unwrap();
        assert_eq!(st.max_abs, 0.0);
        read_svg(&dir.join("id.svg"));
    }

    #[test]
    fn bad_series_are_clear_errors_and_write_nothing() {
        let dir = scratch_dir("table_bad");
        let p = dir.join("t.svg");
        let e = table_error("s", &[0.0, 1.0], &[0.0], &[0.0, 1.0], &p).unwrap_err();
        assert!(e.to_string().contains("2 inputs but 1 table values"), "{e}");
        let e = table_error("s", &[], &[], &[], &p).unwrap_err();
        assert!(e.to_string().contains("no input"), "{e}");
        let e = table_error("s", &[0.0, f64::NAN], &[0.0; 2], &[0.0; 2], &p).unwrap_err();
        assert!(e.to_string().contains("non-finite"), "{e}");
        let e = table_error("s", &[1.0, 0.0], &[0.0; 2], &[0.0; 2], &p).unwrap_err();
        assert!(e.to_string().contains("increasing"), "{e}");
        let e = table_error("s", &[0.0], &[0.0], &[0.0], &dir.join("t.txt")).unwrap_err();
        assert!(e.to_string().contains("unknown picture format"), "{e}");
        assert!(files_in(&dir).is_empty());
    }
}
