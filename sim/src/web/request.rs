//! The query both authorization pages take, and every check WeChat makes on it before it
//! shows anything: a failed check is an error page with WeChat's wording, never a redirect
//! (a redirect to an unchecked `redirect_uri` is exactly what the checks prevent).

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use serde::Deserialize;
use url::Url;

use super::page::Text;
use crate::config::{AppConfig, AppKind, SimConfig};
use crate::control::Scope;
use crate::state::AuthRequest;

/// `?appid&redirect_uri&response_type&scope&state` (the `#wechat_redirect` fragment never
/// reaches a server).
#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    appid: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    scope: Option<String>,
    state: Option<String>,
}

/// Which authorization page was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// `/connect/qrconnect`: website apps, `snsapi_login`.
    QrConnect,
    /// `/connect/oauth2/authorize`: official accounts, `snsapi_base` or `snsapi_userinfo`.
    OAuth2,
}

/// Why a page refused the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The query string itself could not be read (a repeated parameter, bad encoding).
    Params,
    Appid,
    Scope,
    RedirectUri,
    State,
    ResponseType,
}

impl Refusal {
    /// WeChat's wording, and what it means in English.
    pub(crate) fn text(self) -> Text {
        match self {
            Self::Params => Text {
                zh: "参数错误",
                en: "Invalid parameters",
            },
            Self::Appid => Text {
                zh: "appid 参数错误",
                en: "Unknown appid",
            },
            Self::Scope => Text {
                zh: "Scope 参数错误或没有 Scope 权限",
                en: "Wrong scope, or this app may not use it",
            },
            Self::RedirectUri => Text {
                zh: "redirect_uri 参数错误",
                en: "redirect_uri is not on the app's authorized domain",
            },
            Self::State => Text {
                zh: "state 参数错误",
                en: "state must be at most 128 letters and digits",
            },
            Self::ResponseType => Text {
                zh: "response_type 参数错误",
                en: "response_type must be code",
            },
        }
    }
}

/// The query, or the refusal for one that is not even a query string.
pub(crate) fn parsed(query: Result<Query<Params>, QueryRejection>) -> Result<Params, Refusal> {
    query.map(|Query(q)| q).map_err(|_| Refusal::Params)
}

/// Runs the checks in WeChat's order: appid, scope for the app's kind, redirect_uri,
/// state, response_type.
pub(crate) fn check(
    config: &SimConfig,
    entry: Entry,
    params: Params,
) -> Result<(&AppConfig, AuthRequest), Refusal> {
    let appid = params.appid.unwrap_or_default();
    let app = config.app(&appid).ok_or(Refusal::Appid)?;
    let scope = scope(app.kind, entry, params.scope.as_deref()).ok_or(Refusal::Scope)?;
    let redirect_uri = redirect_uri(app, params.redirect_uri.as_deref())?;
    let state = params.state.unwrap_or_default();
    if !is_valid_state(&state) {
        return Err(Refusal::State);
    }
    if params.response_type.as_deref() != Some("code") {
        return Err(Refusal::ResponseType);
    }
    let request = AuthRequest {
        appid,
        redirect_uri,
        scope,
        state,
    };
    Ok((app, request))
}

/// The scope, if this kind of app may ask for it on this page.
fn scope(kind: AppKind, entry: Entry, scope: Option<&str>) -> Option<Scope> {
    match (kind, entry, scope?) {
        (AppKind::Website, Entry::QrConnect, "snsapi_login") => Some(Scope::SnsapiLogin),
        (AppKind::OfficialAccount, Entry::OAuth2, "snsapi_base") => Some(Scope::SnsapiBase),
        (AppKind::OfficialAccount, Entry::OAuth2, "snsapi_userinfo") => Some(Scope::SnsapiUserinfo),
        _ => None,
    }
}

/// An absolute URL whose host is exactly the app's domain (any port, no subdomain), over
/// https — or http when the domain is a loopback host, the simulator's one relaxation so a
/// test can run a relying party on 127.0.0.1 without a certificate.
fn redirect_uri(app: &AppConfig, raw: Option<&str>) -> Result<Url, Refusal> {
    let url = Url::parse(raw.unwrap_or_default()).map_err(|_| Refusal::RedirectUri)?;
    let domain = app.domain.as_deref().ok_or(Refusal::RedirectUri)?;
    if url.host_str() != Some(domain) {
        return Err(Refusal::RedirectUri);
    }
    let scheme_ok = match url.scheme() {
        "https" => true,
        "http" => is_loopback(domain),
        _ => false,
    };
    if !scheme_ok {
        return Err(Refusal::RedirectUri);
    }
    Ok(url)
}

fn is_loopback(domain: &str) -> bool {
    matches!(domain, "127.0.0.1" | "localhost")
}

/// WeChat: "a-zA-Z0-9, at most 128 bytes".
fn is_valid_state(state: &str) -> bool {
    state.len() <= 128 && state.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_is_up_to_128_letters_and_digits() {
        assert!(is_valid_state(""));
        assert!(is_valid_state(&"aZ9".repeat(42)));
        assert!(!is_valid_state(&"a".repeat(129)));
        assert!(!is_valid_state("a-b"));
        assert!(!is_valid_state("状态"));
    }

    #[test]
    fn redirect_uri_must_be_on_the_domain_over_https() {
        let app = AppConfig::website("wxW", "s", "example.com");
        let ok = |uri: &str| redirect_uri(&app, Some(uri)).is_ok();
        assert!(ok("https://example.com/cb"));
        assert!(ok("https://EXAMPLE.com:8443/cb?x=1"));
        assert!(!ok("http://example.com/cb"));
        assert!(!ok("https://a.example.com/cb"));
        assert!(!ok("https://example.com.evil.test/cb"));
        assert!(!ok("https://evil.test/?u=https://example.com"));
        assert!(!ok("/cb"));
        let local = AppConfig::website("wxL", "s", "127.0.0.1");
        assert!(redirect_uri(&local, Some("http://127.0.0.1:3000/cb")).is_ok());
        assert!(redirect_uri(&local, Some("ftp://127.0.0.1/cb")).is_err());
    }
}
