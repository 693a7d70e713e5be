//! The messages in flight, painted every animation frame on one 2D canvas laid over the
//! topology's SVG. Painting a hundred dots this way costs a few calls each; as SVG
//! elements they would cost the page a diff, a style pass and a layout every frame.
//!
//! The canvas covers only the part of the drawing in sight: a topology of fifty rows is
//! thousands of pixels tall, and clearing and compositing all of them every frame cost
//! more than everything else on the page. The note that says the dots are a sample
//! follows it, so it is seen wherever the drawing is scrolled to.

use std::collections::HashMap;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, Window};

use super::canvas::{NODE_H, NODE_W, Stage, at, curve};
use super::traffic::{Fate, LEG_MS, Traffic};

/// A dot's radius, in SVG user units.
const RADIUS: f64 = 5.0;
/// How far a lost message falls below its node, in SVG user units.
const FALL: f64 = 32.0;

/// Paints the dots; keeps what it can between frames.
#[derive(Default)]
pub struct Painter {
    /// Fill colours by hue, for the theme's lightness `light`.
    fills: HashMap<u32, String>,
    light: f64,
    /// Dots painted on the last frame (0: the canvas is clear).
    drawn: usize,
    /// Where the canvas sits in the drawing's frame, and its size, in CSS pixels.
    placed: (f64, f64, f64, f64),
}

/// The part of `frame` (a client rectangle: left, top, right, bottom) inside the window.
fn in_sight(frame: (f64, f64, f64, f64), window: &Window) -> Option<(f64, f64, f64, f64)> {
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (w, h) = (size(window.inner_width()), size(window.inner_height()));
    let (left, top) = (frame.0.max(0.0), frame.1.max(0.0));
    let (right, bottom) = (frame.2.min(w), frame.3.min(h));
    (right > left && bottom > top).then_some((left, top, right, bottom))
}

/// The part of the drawing `stage` on screen, in SVG user units (left, top, right,
/// bottom), given the 2D canvas laid over it; `None` when none of it is.
pub fn drawing_in_sight(canvas: &HtmlCanvasElement, stage: &Stage) -> Option<[f64; 4]> {
    let frame = canvas.parent_element()?.get_bounding_client_rect();
    if frame.width() <= 0.0 || stage.width <= 0.0 {
        return None;
    }
    let sight = in_sight(
        (frame.left(), frame.top(), frame.right(), frame.bottom()),
        &web_sys::window()?,
    )?;
    let units = stage.width / frame.width();
    Some([
        (sight.0 - frame.left()) * units,
        (sight.1 - frame.top()) * units,
        (sight.2 - frame.left()) * units,
        (sight.3 - frame.top()) * units,
    ])
}

impl Painter {
    /// Paints the dots of `traffic` at real time `now` on `canvas`, whose box covers the
    /// SVG drawing described by `stage`.
    pub fn paint(
        &mut self,
        canvas: &HtmlCanvasElement,
        stage: &Stage,
        traffic: &Traffic,
        now: f64,
    ) {
        if traffic.flights.is_empty() && self.drawn == 0 {
            return;
        }
        let (Some(ctx), Some(window), Some(frame)) =
            (context(canvas), web_sys::window(), canvas.parent_element())
        else {
            return;
        };
        let rect = frame.get_bounding_client_rect();
        let (frame_left, frame_top) = (rect.left(), rect.top());
        let Some(sight) = in_sight(
            (frame_left, frame_top, rect.right(), rect.bottom()),
            &window,
        )
        .filter(|_| rect.width() > 0.0 && stage.width > 0.0) else {
            // Out of sight: nothing to paint, and nothing left painted.
            if self.drawn > 0 {
                ctx.clear_rect(
                    0.0,
                    0.0,
                    f64::from(canvas.width()),
                    f64::from(canvas.height()),
                );
                self.drawn = 0;
            }
            return;
        };
        let placed = (
            (sight.0 - frame_left).round(),
            (sight.1 - frame_top).round(),
            (sight.2 - sight.0).round(),
            (sight.3 - sight.1).round(),
        );
        let ratio = window.device_pixel_ratio();
        let (w, h) = (
            (placed.2 * ratio).round() as u32,
            (placed.3 * ratio).round() as u32,
        );
        if placed != self.placed {
            let style = canvas.style();
            let _ = style.set_property("left", &format!("{}px", placed.0));
            let _ = style.set_property("top", &format!("{}px", placed.1));
            let _ = style.set_property("width", &format!("{}px", placed.2));
            let _ = style.set_property("height", &format!("{}px", placed.3));
            let note = frame.query_selector(".sampled-note").ok().flatten();
            if let Some(note) = note.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                let _ = note
                    .style()
                    .set_property("top", &format!("{}px", placed.1 + placed.3 - 34.0));
            }
            self.placed = placed;
        }
        if canvas.width() != w || canvas.height() != h {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
        // SVG units to canvas pixels: the drawing's scale on screen, shifted to the part
        // in sight.
        let scale = ratio * rect.width() / stage.width;
        let _ = ctx.set_transform(scale, 0.0, 0.0, scale, -placed.0 * ratio, -placed.1 * ratio);

        let palette = &stage.palette;
        if palette.light != self.light {
            self.fills.clear();
            self.light = palette.light;
        }
        let mut drawn = 0;
        for f in &traffic.flights {
            let progress = (now - f.starts) / LEG_MS;
            if !(0.0..1.0).contains(&progress) {
                continue;
            }
            let (Some(&from), Some(&to)) = (stage.corners.get(&f.from), stage.corners.get(&f.to))
            else {
                continue;
            };
            drawn += 1;
            ctx.begin_path();
            if f.fate == Fate::Lost {
                // It falls from under the node and fades.
                let (x, y) = (from.0 + NODE_W / 2.0, from.1 + NODE_H + progress * FALL);
                let _ = ctx.arc(x, y, RADIUS, 0.0, std::f64::consts::TAU);
                ctx.set_global_alpha(0.8 * (1.0 - progress));
                ctx.set_fill_style_str(&palette.lost);
                ctx.fill();
                ctx.set_global_alpha(1.0);
                continue;
            }
            let (x, y) = at(&curve(from, to), progress);
            let _ = ctx.arc(x, y, RADIUS, 0.0, std::f64::consts::TAU);
            let light = self.light;
            let fill = self
                .fills
                .entry(f.hue)
                .or_insert_with(|| format!("hsl({}, 75%, {light}%)", f.hue));
            ctx.set_fill_style_str(fill);
            ctx.fill();
            let (ring, width) = match f.fate {
                Fate::Returned => (&palette.lost, 2.5),
                Fate::DeadLettered => (&palette.dead, 2.5),
                _ => (&palette.ring, 1.5),
            };
            ctx.set_stroke_style_str(ring);
            ctx.set_line_width(width);
            ctx.stroke();
        }
        if drawn != self.drawn {
            // For tests and the curious: how many dots are in the air.
            let _ = canvas.set_attribute("data-drawn", &drawn.to_string());
        }
        self.drawn = drawn;
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}
