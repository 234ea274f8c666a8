//! Where an authorization page sends the browser back to the relying party.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::state::AuthRequest;

/// `302 Found` to `location`, as WeChat redirects (also after the consent form's POST, which
/// browsers follow with a GET).
pub(crate) fn found(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Allowed: `redirect_uri` with `code` and `state` appended to its query (after an `&` when
/// it already has one).
pub(crate) fn allowed(request: &AuthRequest, code: &str) -> String {
    let mut url = request.redirect_uri.clone();
    url.query_pairs_mut()
        .append_pair("code", code)
        .append_pair("state", &request.state);
    url.into()
}

/// Denied: `redirect_uri` with `state` only, no `code`.
pub(crate) fn denied(request: &AuthRequest) -> String {
    let mut url = request.redirect_uri.clone();
    url.query_pairs_mut().append_pair("state", &request.state);
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::control::Scope;

    fn request(uri: &str) -> AuthRequest {
        AuthRequest {
            appid: "wxW".into(),
            redirect_uri: uri.parse().unwrap(),
            scope: Scope::SnsapiLogin,
            state: "s1".into(),
        }
    }

    #[test]
    fn code_and_state_join_an_existing_query() {
        assert_eq!(
            allowed(&request("https://example.com/cb"), "C"),
            "https://example.com/cb?code=C&state=s1"
        );
        assert_eq!(
            allowed(&request("https://example.com/cb?next=%2Fhome"), "C"),
            "https://example.com/cb?next=%2Fhome&code=C&state=s1"
        );
        assert_eq!(
            denied(&request("https://example.com/cb?a=1")),
            "https://example.com/cb?a=1&state=s1"
        );
    }
}
