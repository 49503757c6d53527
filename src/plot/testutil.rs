//! Checks shared by the picture tests: well-formed SVG, valid PNG, scratch folders.

use std::fs;
use std::path::{Path, PathBuf};

/// A fresh, empty folder for one test, removed when the test passes (kept for a look when it fails).
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() && std::env::var_os("MLP_RTL_KEEP_PLOTS").is_none() {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

pub fn scratch_dir(name: &str) -> Scratch {
    let d = std::env::temp_dir().join(format!("mlp-rtl-plot-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    Scratch(d)
}

/// The names in `dir`, sorted (temp files included, so leftovers show).
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// What a test needs from an SVG: its polylines' point counts and its texts.
pub struct Svg {
    pub polylines: Vec<usize>,
    pub texts: Vec<String>,
    pub rects: usize,
}

/// Reads and parses an SVG file (well-formed XML, an `<svg>` root with a size), or panics.
pub fn read_svg(path: &Path) -> Svg {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.len() > 500, "SVG too small: {} bytes", text.len());
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(root.attribute("width").is_some() && root.attribute("height").is_some());
    let mut polylines = Vec::new();
    let mut texts = Vec::new();
    let mut rects = 0;
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "polyline" => {
                let pts = n.attribute("points").unwrap_or("");
                polylines.push(pts.split_whitespace().count());
            }
            "text" => texts.push(n.text().unwrap_or("").trim().to_string()),
            "rect" => rects += 1,
            _ => {}
        }
    }
    Svg {
        polylines,
        texts,
        rects,
    }
}

impl Svg {
    /// How many polylines have exactly `n` points.
    pub fn lines_with(&self, n: usize) -> usize {
        self.polylines.iter().filter(|&&c| c == n).count()
    }

    /// Whether some text element contains `s`.
    pub fn has_text(&self, s: &str) -> bool {
        self.texts.iter().any(|t| t.contains(s))
    }
}

/// Checks a PNG file: signature, IHDR dimensions, decodable, not a single colour. Returns (w, h).
pub fn check_png(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "first chunk is IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert!(w >= 200 && h >= 200, "{w}x{h}");
    let decoder = png::Decoder::new(bytes.as_slice());
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    assert_eq!((info.width, info.height), (w, h));
    let px = &buf[..info.buffer_size()];
    let first = &px[..3];
    let differing = px.chunks(3).filter(|p| p != &first).count();
    assert!(differing > 1000, "picture nearly uniform");
    // Some dark pixels: text and axes were drawn, not only the background.
    let dark = px.chunks(3).filter(|p| p.iter().all(|&c| c < 80)).count();
    assert!(dark > 500, "no dark (text/axis) pixels: {dark}");
    (w, h)
}
