//! The web channels' cookies: all HttpOnly, `SameSite=Lax` and `Path=/`, `Secure` when
//! the site is https.
//!
//! Lax, not Strict: WeChat sends the browser back to the callback from its own site,
//! a cross-site top-level navigation; a Strict cookie would not come along and every
//! login would fail the state check. Lax still keeps the cookies off cross-site POSTs.

use axum::http::{header, HeaderMap};

/// Binds a started login's `state` to the browser that started it.
pub const STATE: &str = "wxlogin_state";
/// The pending phone binding of a new person (a bind ticket).
pub const BIND: &str = "wxlogin_bind";
/// The double-submit CSRF token of the forms.
pub const CSRF: &str = "wxlogin_csrf";
/// The signed-in session (a session token, as `/v1` issues).
pub const SESSION: &str = "wxlogin_session";

/// The value of cookie `name` in the request, if any.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value; the values this server sets are `[A-Za-z0-9]`, never escaped.
pub fn set(name: &str, value: &str, max_age_s: u32, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age_s}; HttpOnly; SameSite=Lax{secure}")
}

/// A `Set-Cookie` value that removes cookie `name`.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, "a=1; wxlogin_state=abc".parse().unwrap());
        headers.append(header::COOKIE, "wxlogin_session=tok".parse().unwrap());
        assert_eq!(read(&headers, STATE).as_deref(), Some("abc"));
        assert_eq!(read(&headers, SESSION).as_deref(), Some("tok"));
        assert_eq!(read(&headers, BIND), None);
    }

    #[test]
    fn attributes() {
        assert_eq!(
            set(SESSION, "t", 60, true),
            "wxlogin_session=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(!set(SESSION, "t", 60, false).contains("Secure"));
    }
}
