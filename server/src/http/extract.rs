//! Extractors that fail with the contract's envelope instead of axum's plain text.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use wxlogin_contract::ApiCode;

use super::AppState;
use crate::error::ApiError;
use crate::sessions;

/// A JSON body; malformed, mistyped, oversized or non-JSON bodies get typed errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                ApiCode::UnsupportedMediaType,
                "expected Content-Type: application/json",
            )),
            Err(JsonRejection::BytesRejection(err)) if err.status().as_u16() == 413 => Err(
                ApiError::new(ApiCode::PayloadTooLarge, "request body too large"),
            ),
            Err(err) => Err(ApiError::new(ApiCode::BadRequest, err.body_text())),
        }
    }
}

/// A signed-in caller: `Authorization: Bearer <token>` of a live session.
pub struct Authed {
    pub user_id: i64,
    pub token: String,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "sign in first"))?;
        match sessions::user_of(&state.db, token).await? {
            Some(user_id) => Ok(Self {
                user_id,
                token: token.to_owned(),
            }),
            None => Err(ApiError::new(
                ApiCode::Unauthorized,
                "session expired or revoked",
            )),
        }
    }
}

/// The caller's address, for per-address rate limits.
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(Self(addr))
    }
}
