//! The HTTP API of the contract (`openapi.yaml`).

mod auth;
mod captcha;
mod dev;
mod extract;
mod me;
mod web;
mod wechat_login;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use wxlogin_contract::{paths, ApiCode};

use crate::accounts::ProfileRefresher;
use crate::captcha::SmsSender;
use crate::config::Config;
use crate::db::Db;
use crate::error::ApiError;
use crate::passwords::Passwords;
use crate::wechat::WechatClient;
pub use web::WebApps;

/// Request bodies of this API are a few hundred bytes; anything near this is abuse.
const MAX_BODY_BYTES: usize = 16 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub wechat: WechatClient,
    pub config: Arc<Config>,
    pub sms: Arc<dyn SmsSender>,
    /// Refreshes a returning user's WeChat profile after the login answered.
    pub profiles: ProfileRefresher,
    pub passwords: Passwords,
    /// The web channels (website QR login, official account); none configured is empty.
    pub web: Arc<WebApps>,
}

pub fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .route(paths::HEALTH, get(|| async { "ok" }))
        .route(paths::AUTH_WECHAT, post(wechat_login::login))
        .route(paths::CAPTCHA, post(captcha::issue))
        .route(
            paths::AUTH_WECHAT_BIND_PHONE,
            post(wechat_login::bind_phone),
        )
        .route(paths::AUTH_PHONE, post(auth::phone_login))
        .route(paths::AUTH_PASSWORD, post(auth::password_login))
        .route(paths::AUTH_RESUME, post(auth::resume))
        .route(paths::AUTH_LOGOUT, post(auth::logout))
        .route(paths::ME, get(me::me))
        .route(paths::ME_WECHAT, post(me::bind_wechat))
        .route(paths::ME_PHONE, post(me::bind_phone))
        .route("/v1/avatars/{id}", get(me::avatar));
    router = web::routes(router, &state.web);
    if state.config.dev {
        router = router
            .route("/dev/sms", get(dev::last_sms))
            .route("/dev/accounts", post(dev::create_account));
    }
    router
        .fallback(|| async { ApiError::new(ApiCode::NotFound, "no such route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                ApiCode::MethodNotAllowed,
                "this route does not take this method",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(no_store))
        .with_state(state)
}

/// Answers carry tokens, bind tickets and account data: no cache, shared or private,
/// may keep them (RFC 9111 §5.2.2.5). Answers that set their own policy (the avatar
/// image) keep it.
async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}
