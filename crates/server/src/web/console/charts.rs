//! The campaign results' charts, drawn server-side as SVG with `plotters` (its SVG
//! backend only: no fonts, no bitmaps). A chart is a rate per category on the x axis
//! (a day, a variant, an exposure number) for the two arms, each point with its 95 %
//! interval: joined by a line over a shaded band when the categories are ordered (days,
//! exposures), as a dot with a whisker when they are not (variants).
//!
//! The SVG uses presentation attributes only (`fill`, `stroke`), never `style`, so it
//! passes the pages' CSP (`style-src 'self'`); it scales with its box (`viewBox`). The
//! numbers are also in a table beside every chart, for screen readers.

use plotters::coord::Shift;
use plotters::prelude::*;

/// Drawing size in SVG units; the page scales it to its width.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;

/// A rate and its 95 % interval, all in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Point {
    pub(super) rate: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

/// One arm's points, one per category (`None` where the arm has no screening).
pub(super) struct Series {
    /// The legend's text (plain text: plotters escapes it).
    pub(super) label: String,
    pub(super) color: RGBColor,
    pub(super) points: Vec<Option<Point>>,
}

/// How the points are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Ordered categories: a line through the rates over the band of the intervals.
    Bands,
    /// Unordered categories: a dot per rate with its interval as a whisker.
    Whiskers,
}

/// The exposed arm's colour (blue, 7:1 on white) and the holdout's (orange-brown,
/// 5:1): told apart without colour too, by the legend's words and the dot shapes.
pub(super) const EXPOSED: RGBColor = RGBColor(11, 87, 208);
pub(super) const HOLDOUT: RGBColor = RGBColor(154, 82, 0);

/// Draws a chart; `x_labels` names the categories, `y_label` the axis. An empty chart
/// (no category) is still an SVG with its axes.
pub(super) fn svg(x_labels: &[String], y_label: &str, series: &[Series], shape: Shape) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        if let Err(e) = draw(&root, x_labels, y_label, series, shape) {
            tracing::warn!(error = %e, "chart not drawn");
        }
        let _ = root.present();
    }
    out
}

/// The top of the y axis: the highest interval bound with some room, at least 5 %.
fn y_max(series: &[Series]) -> f64 {
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .map(|p| p.hi)
        .fold(0.0_f64, f64::max);
    ((top * 1.15).max(0.05) * 20.0).ceil().min(20.0) / 20.0
}

fn draw(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    x_labels: &[String],
    y_label: &str,
    series: &[Series],
    shape: Shape,
) -> Result<(), Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let n = x_labels.len().max(1);
    let last = n as f64 - 0.5;
    let top = y_max(series);
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5..last, 0.0..top)?;
    let label = |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 {
            x_labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let percent = |y: &f64| format!("{:.0} %", y * 100.0);
    let font = ("sans-serif", 15).into_font().color(&BLACK);
    chart
        .configure_mesh()
        .disable_x_mesh()
        // At most 12 ticks; only whole numbers (the categories) are labelled.
        .x_labels(n.min(12))
        .light_line_style(RGBColor(235, 238, 241))
        .bold_line_style(RGBColor(208, 215, 222))
        .axis_style(RGBColor(74, 85, 96))
        .x_label_formatter(&label)
        .y_label_formatter(&percent)
        .y_desc(y_label)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .draw()?;
    // Dots a little apart, so that two arms' whiskers do not hide each other.
    let offset = |k: usize| match shape {
        Shape::Bands => 0.0,
        Shape::Whiskers => (k as f64 - (series.len() as f64 - 1.0) / 2.0) * 0.12,
    };
    for (k, s) in series.iter().enumerate() {
        let color = s.color;
        let dx = offset(k);
        if shape == Shape::Bands {
            for run in runs(&s.points) {
                if let [(x, p)] = run.as_slice() {
                    // A lone point: its interval as a whisker (a band needs two).
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(*x, p.lo), (*x, p.hi)],
                        color.stroke_width(2),
                    )))?;
                    continue;
                }
                let mut band: Vec<(f64, f64)> = run.iter().map(|(x, p)| (*x, p.hi)).collect();
                band.extend(run.iter().rev().map(|(x, p)| (*x, p.lo)));
                chart.draw_series(std::iter::once(Polygon::new(band, color.mix(0.18))))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    run.iter().map(|(x, p)| (*x, p.rate)).collect::<Vec<_>>(),
                    color.stroke_width(3),
                )))?;
            }
        } else {
            for (i, p) in s.points.iter().enumerate() {
                if let Some(p) = p {
                    let x = i as f64 + dx;
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(x, p.lo), (x, p.hi)],
                        color.stroke_width(2),
                    )))?;
                }
            }
        }
        // The dots, filled for the first arm and hollow for the second, and the legend.
        let filled = k == 0;
        chart
            .draw_series(s.points.iter().enumerate().filter_map(|(i, p)| {
                p.map(|p| {
                    let style = if filled {
                        color.filled()
                    } else {
                        color.stroke_width(2)
                    };
                    Circle::new((i as f64 + dx, p.rate), 5, style)
                })
            }))?
            .label(s.label.as_str())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], color.stroke_width(3))
            });
    }
    if !series.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(208, 215, 222))
            .label_font(font)
            .draw()?;
    }
    Ok(())
}

/// The runs of consecutive categories with a point, as (x, point).
fn runs(points: &[Option<Point>]) -> Vec<Vec<(f64, Point)>> {
    let mut out: Vec<Vec<(f64, Point)>> = Vec::new();
    let mut current = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match p {
            Some(p) => current.push((i as f64, *p)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(rate: f64) -> Option<Point> {
        Some(Point {
            rate,
            lo: rate - 0.05,
            hi: rate + 0.05,
        })
    }

    #[test]
    fn a_chart_is_an_svg_with_bands_and_no_style_attribute() {
        let labels: Vec<String> = ["2025-01-01", "2025-01-02", "2025-01-03"]
            .map(str::to_owned)
            .to_vec();
        let series = [
            Series {
                label: "Shown <alert>".into(),
                color: EXPOSED,
                points: vec![p(0.3), None, p(0.4)],
            },
            Series {
                label: "Holdout".into(),
                color: HOLDOUT,
                points: vec![p(0.1), p(0.12), p(0.1)],
            },
        ];
        let svg = svg(&labels, "Reconsidered", &series, Shape::Bands);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 720 360\""), "{svg}");
        assert!(svg.contains("<polygon"), "bands: {svg}");
        assert!(svg.contains("2025-01-03"), "{svg}");
        assert!(svg.contains("Shown &lt;alert&gt;"), "escaped: {svg}");
        assert!(!svg.contains("<alert>"));
        assert!(!svg.contains("style="), "no inline style (CSP): {svg}");
        let whiskers = super::svg(&labels, "Cancelled", &series, Shape::Whiskers);
        assert!(!whiskers.contains("<polygon"), "{whiskers}");
        assert!(whiskers.contains("<circle"), "{whiskers}");
    }

    #[test]
    fn runs_split_at_gaps_and_the_axis_has_room() {
        let r = runs(&[p(0.1), None, p(0.2), p(0.3), None]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].len(), 2);
        assert_eq!(r[1][0].0, 2.0);
        assert_eq!(y_max(&[]), 0.05);
        let s = Series {
            label: String::new(),
            color: EXPOSED,
            points: vec![p(0.9)],
        };
        assert_eq!(y_max(&[s]), 1.0);
    }
}
