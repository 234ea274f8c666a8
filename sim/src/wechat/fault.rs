//! Turning an injected fault into the broken answer a client has to survive.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::reply;
use crate::control::Fault;

/// A JSON body cut off mid-value, as a dropped connection or a buggy proxy delivers it.
const TRUNCATED: &str = r#"{"access_token":"ACCESS_TOKEN","expires_in":72"#;

/// The answer the fault replaces the real one with; `None` for a latency-only fault, whose
/// call is answered normally (late).
pub(crate) fn response(fault: &Fault) -> Option<Response> {
    if let Some(errcode) = fault.errcode {
        return Some(reply::errcode(errcode));
    }
    if let Some(status) = fault.http_status {
        return Some(http_error(status));
    }
    if fault.malformed {
        return Some(reply::text_plain(TRUNCATED.to_owned()));
    }
    if fault.empty_html {
        return Some(empty_html());
    }
    None
}

/// A gateway-style HTML error page with the requested status.
fn http_error(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let body = format!(
        "<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center></body></html>"
    );
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// What WeChat sometimes sends for bad credentials: nothing, labelled GBK HTML.
fn empty_html() -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=gbk"),
        )],
        "",
    )
        .into_response()
}
