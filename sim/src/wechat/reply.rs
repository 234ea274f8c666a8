//! How WeChat answers: HTTP 200 and `Content-Type: text/plain` for everything, success and
//! error alike. Clients that trust the status or insist on `application/json` break here,
//! which is the point.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::errcode::errmsg_for;
use super::WxError;
use crate::ids::rid;

const TEXT_PLAIN: &str = "text/plain";

/// A body WeChat sends as `text/plain`, with status 200.
pub(crate) fn text_plain(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static(TEXT_PLAIN))],
        body,
    )
        .into_response()
}

/// A success value, serialized as JSON (raw UTF-8, no `\u` escapes, as WeChat does).
pub(crate) fn ok<T: Serialize>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => text_plain(body),
        Err(_) => error(WxError::SystemBusy),
    }
}

pub(crate) fn error(error: WxError) -> Response {
    errcode(error.errcode())
}

/// `{"errcode":N,"errmsg":"..., rid: ..."}` for any errcode, known or injected.
pub(crate) fn errcode(errcode: i64) -> Response {
    let body = serde_json::json!({
        "errcode": errcode,
        "errmsg": format!("{}, rid: {}", errmsg_for(errcode), rid()),
    });
    text_plain(body.to_string())
}

pub(crate) fn result<T: Serialize>(outcome: Result<T, WxError>) -> Response {
    match outcome {
        Ok(value) => ok(&value),
        Err(e) => error(e),
    }
}
