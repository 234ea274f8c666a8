//! `GET /avatar/{user}/{version}/{size}`: what `headimgurl` points at.
//!
//! Only the user's current version answers; an older URL is 404, as WeChat's old
//! `headimgurl` stops working after an avatar change — which is why a server must store the
//! image, not the link.

mod png;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::state::Shared;

/// WeChat's sizes: 0 means the full 640 px picture.
const SIZES: [u32; 5] = [0, 46, 64, 96, 132];
const FULL_SIZE: u32 = 640;

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((user, version, size)): Path<(String, String, String)>,
) -> Response {
    let mut world = shared.world();
    world.calls.avatar += 1;
    let current = world.users.get(&user).map(|u| u.avatar_version.to_string());
    let size = size.parse::<u32>().ok().filter(|s| SIZES.contains(s));
    match (current, size) {
        (Some(current), Some(size)) if current == version => image(&user, &version, size),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

fn image(user: &str, version: &str, size: u32) -> Response {
    let pixels = if size == 0 { FULL_SIZE } else { size };
    let png = png::solid(pixels, colour(user, version));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("image/png"))],
        png,
    )
        .into_response()
}

/// A colour per (user, version), so a test can tell a new avatar from the old one.
fn colour(user: &str, version: &str) -> [u8; 3] {
    let digest = Sha256::new()
        .chain_update(user.as_bytes())
        .chain_update([0])
        .chain_update(version.as_bytes())
        .finalize();
    [digest[0], digest[1], digest[2]]
}
