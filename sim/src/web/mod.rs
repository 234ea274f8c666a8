//! WeChat's web authorization pages (`open.weixin.qq.com/connect/...`): website QR login and
//! official-account authorization, with the checks WeChat makes and its wording, plus the
//! simulator's stand-ins for the phone and for WeChat's in-app browser under `/sim/`.

mod browser;
mod oauth2;
mod page;
mod phone;
mod qr_image;
mod qrconnect;
mod redirect;
mod request;
mod scan;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

pub(crate) use phone::scan_error_text;
pub(crate) use scan::scan;

use crate::state::Shared;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/connect/qrconnect", get(qrconnect::page))
        .route(qrconnect::STATUS_PATH, get(qrconnect::status))
        .route("/connect/oauth2/authorize", get(oauth2::authorize))
        .route(oauth2::CONFIRM_PATH, post(oauth2::confirm))
        .route("/sim/wechat-browser", get(browser::enter))
        .route("/sim/qr/{ticket}", get(phone::show).post(phone::decide))
}
