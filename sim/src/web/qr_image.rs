//! The QR code on the website login page, as inline SVG (no image request, no external
//! resource). It encodes the simulated phone's page for the ticket, so a person can scan it
//! with a phone on the same network and tap allow or deny there.

use std::fmt::Write;

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone the QR specification asks for, in modules.
const BORDER: i32 = 4;

/// An SVG of `text` as a QR code; `None` if it does not fit in one.
pub(crate) fn svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + BORDER, y + BORDER);
            }
        }
    }
    let side = size + 2 * BORDER;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">\
<rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}
