//! What a web route answers: a page or a redirect, with cookies, and the headers every
//! page carries.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Pages load nothing from anywhere (inline style only), post forms only here, and
/// cannot be framed. `no-referrer`: the callback's URL holds the code and the state.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub struct Reply {
    status: StatusCode,
    location: Option<String>,
    body: String,
    cookies: Vec<String>,
}

impl Reply {
    pub fn page(status: StatusCode, html: String) -> Self {
        Self {
            status,
            location: None,
            body: html,
            cookies: Vec::new(),
        }
    }

    /// `302 Found`: the hop to WeChat's authorization page.
    pub fn found(location: String) -> Self {
        Self {
            status: StatusCode::FOUND,
            location: Some(location),
            body: String::new(),
            cookies: Vec::new(),
        }
    }

    /// `303 See Other`: after a callback or a form, the next page is fetched with GET.
    pub fn see_other(location: String) -> Self {
        Self {
            status: StatusCode::SEE_OTHER,
            ..Self::found(location)
        }
    }

    pub fn cookie(mut self, set_cookie: String) -> Self {
        self.cookies.push(set_cookie);
        self
    }

    pub fn cookies(mut self, set_cookies: impl IntoIterator<Item = String>) -> Self {
        self.cookies.extend(set_cookies);
        self
    }

    /// An internal failure: logged, answered with a page that says so.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!("web: internal error: {cause}");
        Self::page(
            StatusCode::INTERNAL_SERVER_ERROR,
            super::pages::failure("internal", "/web/"),
        )
    }
}

impl From<sqlx::Error> for Reply {
    fn from(err: sqlx::Error) -> Self {
        Self::internal(format_args!("database: {err}"))
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(location) = self.location.and_then(|l| HeaderValue::try_from(l).ok()) {
            headers.insert(header::LOCATION, location);
        }
        for cookie in self.cookies {
            if let Ok(value) = HeaderValue::try_from(cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
        response
    }
}
