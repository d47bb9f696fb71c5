//! Marker shapes: one per palette slot, so series stay apart where colour does not
//! (greyscale print, colour-blind readers). A shape means nothing but "this region":
//! the legend shows each region's shape beside its name.

use super::svg::num;

/// How far a marker reaches from its centre, its stroke included (the star's and
/// triangles' points are 6.5 out; the stroke adds 0.75). Drawings keep every point
/// at least this far inside their edges.
pub const MARKER_REACH: f64 = 7.5;

/// Palette slots (`.c0`…`.c7` in chart.css), each with its own shape.
pub const SLOTS: usize = 8;

/// Marker shapes, one per palette slot, so series stay apart in greyscale print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Plus,
    Star,
    Hexagon,
}

impl Shape {
    const BY_SLOT: [Shape; SLOTS] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::TriangleDown,
        Shape::Plus,
        Shape::Star,
        Shape::Hexagon,
    ];

    pub fn for_slot(slot: usize) -> Shape {
        Self::BY_SLOT[slot % Self::BY_SLOT.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Triangle => "triangle",
            Shape::Diamond => "diamond",
            Shape::TriangleDown => "triangle-down",
            Shape::Plus => "plus",
            Shape::Star => "star",
            Shape::Hexagon => "hexagon",
        }
    }

    /// A closed path centred on (cx, cy). Sizes are chosen so the shapes have about
    /// the same area (≈ 60 square units), so none looks more important.
    pub fn path(self, cx: f64, cy: f64) -> String {
        match self {
            Shape::Circle => {
                let r = 4.5;
                format!(
                    "M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0Z",
                    num(cx - r),
                    num(cy),
                    2.0 * r,
                    2.0 * r
                )
            }
            Shape::Square => polygon(cx, cy, &ring(4, &[5.5], -45.0)),
            Shape::Triangle => polygon(cx, cy, &ring(3, &[6.5], -90.0)),
            Shape::Diamond => polygon(cx, cy, &ring(4, &[5.5], -90.0)),
            Shape::TriangleDown => polygon(cx, cy, &ring(3, &[6.5], 90.0)),
            Shape::Plus => {
                let (w, l) = (2.0, 5.0);
                let arm = [
                    (-w, -l),
                    (w, -l),
                    (w, -w),
                    (l, -w),
                    (l, w),
                    (w, w),
                    (w, l),
                    (-w, l),
                    (-w, w),
                    (-l, w),
                    (-l, -w),
                    (-w, -w),
                ];
                polygon(cx, cy, &arm)
            }
            Shape::Star => polygon(cx, cy, &ring(10, &[6.5, 2.8], -90.0)),
            Shape::Hexagon => polygon(cx, cy, &ring(6, &[5.0], -90.0)),
        }
    }
}

/// `n` vertices evenly around a centre, alternating through `radii`, starting at
/// `start` degrees (clockwise from the x axis, as SVG's y grows downwards).
fn ring(n: usize, radii: &[f64], start: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let angle = (start + 360.0 * i as f64 / n as f64).to_radians();
            let r = radii[i % radii.len()];
            (r * angle.cos(), r * angle.sin())
        })
        .collect()
}

fn polygon(cx: f64, cy: f64, offsets: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (dx, dy)) in offsets.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{} {}", num(cx + dx), num(cy + dy)));
    }
    d.push('Z');
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_keeps_its_shape() {
        let names: Vec<&str> = (0..8).map(|s| Shape::for_slot(s).name()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 8, "{names:?}");
        for slot in 0..8 {
            assert_eq!(Shape::for_slot(slot), Shape::for_slot(slot + 8));
            assert_eq!(
                Shape::for_slot(slot).path(10.0, 10.0),
                Shape::for_slot(slot).path(10.0, 10.0)
            );
        }
        assert_eq!(Shape::for_slot(0), Shape::Circle);
        assert_eq!(Shape::for_slot(6), Shape::Star);
        assert_eq!(
            Shape::Square.path(0.0, 0.0),
            "M3.9 -3.9L3.9 3.9L-3.9 3.9L-3.9 -3.9Z"
        );
    }

    #[test]
    fn no_marker_reaches_further_than_its_reach() {
        // The circle is drawn with arcs of radius 4.5; the others are polygons.
        assert!(Shape::Circle.path(0.0, 0.0).contains("a4.5 4.5"));
        for slot in 1..SLOTS {
            let d = Shape::for_slot(slot).path(0.0, 0.0);
            let numbers: Vec<f64> = d
                .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                .filter_map(|n| n.parse().ok())
                .collect();
            assert!(
                numbers.iter().all(|n| n.abs() <= MARKER_REACH - 0.75),
                "{d}"
            );
        }
    }
}
