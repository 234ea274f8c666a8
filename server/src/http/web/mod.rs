//! The web channels (seeds 001, 003, 004): website QR login (`qrconnect`,
//! `snsapi_login`) and official-account login inside WeChat's browser
//! (`oauth2/authorize`, `snsapi_base` / `snsapi_userinfo`), on small server-rendered
//! pages. The routes, cookies and page element ids are the interface the browser tests
//! rely on (README, "Web login").
//!
//! A login starts on this server, which makes the `state` and binds it to the browser
//! with a cookie; WeChat sends the browser back to the channel's callback with `code`
//! and `state`, or `state` alone when the person refused. The callback checks the state
//! against the cookie, exchanges the code with that channel's AppSecret, and signs the
//! browser in (a session cookie), or sends a new person to the phone-binding page.

mod apps;
mod bind;
mod cookies;
mod csrf;
mod home;
mod login;
mod pages;
mod reply;
mod return_to;
mod states;

use axum::routing::{get, post};
use axum::Router;

pub use apps::{Channel, WebApps};
use reply::Reply;

use super::AppState;

/// Adds the web routes for the configured apps.
pub fn routes(mut router: Router<AppState>, web: &WebApps) -> Router<AppState> {
    if let Some(token) = &web.mp_verify_token {
        router = router.route(&format!("/MP_verify_{token}.txt"), get(home::mp_verify));
    }
    if !web.has_login() {
        return router;
    }
    router = router
        .route("/web/", get(home::home))
        .route("/web/logout", post(home::logout))
        .route("/web/bind", get(bind::page).post(bind::submit))
        .route("/web/bind/captcha", post(bind::send_captcha));
    if web.website.is_some() {
        router = router
            .route("/web/qr/start", get(login::start_qr))
            .route("/web/qr/callback", get(login::callback_qr));
    }
    if web.official_account.is_some() {
        router = router
            .route("/web/oa/start", get(login::start_oa))
            .route("/web/oa/callback", get(login::callback_oa));
    }
    router
}
