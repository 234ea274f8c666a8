//! Double-submit CSRF tokens: a random value in an HttpOnly cookie and the same value
//! in each form's hidden `csrf` field, compared in constant time. Together with
//! `SameSite=Lax` cookies, a form posted from another site carries neither.

use axum::http::HeaderMap;

use super::cookies;
use crate::secrets::random_token;

/// The form token for this browser: its cookie's, or a new one with the cookie to set.
pub fn token(headers: &HeaderMap, secure: bool) -> (String, Option<String>) {
    match cookies::read(headers, cookies::CSRF) {
        Some(token) => (token, None),
        None => {
            let token = random_token(32);
            let cookie = cookies::set(cookies::CSRF, &token, 24 * 3600, secure);
            (token, Some(cookie))
        }
    }
}

/// Whether the form's token is the cookie's.
pub fn valid(headers: &HeaderMap, form_token: &str) -> bool {
    use subtle::ConstantTimeEq;
    cookies::read(headers, cookies::CSRF)
        .is_some_and(|cookie| bool::from(cookie.as_bytes().ct_eq(form_token.as_bytes())))
}
