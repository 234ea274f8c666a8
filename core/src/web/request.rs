//! Building the authorization URL.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use super::WebFlow;
use crate::support::{secure_url, Error, Result};

/// Everything but RFC 3986's unreserved characters is encoded, like JavaScript's
/// `encodeURIComponent`: the redirect URI's own `?`, `&`, `=` and `#` must not leak
/// into WeChat's query string.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Checks a redirect URI before a request is made with it: the code travels in this
/// URL, so it must be https (http only on a loopback host); a fragment would swallow
/// WeChat's parameters.
pub(crate) fn validate_redirect_uri(redirect_uri: &str) -> Result<Url> {
    let url = secure_url(redirect_uri, "redirect URI")?;
    if url.fragment().is_some() {
        return Err(Error::Config(
            "redirect URI must not have a fragment".into(),
        ));
    }
    Ok(url)
}

/// The authorization URL for `flow`. Parameters in WeChat's documented order, and
/// `#wechat_redirect` always at the end: the official-account page refuses to redirect
/// without it.
pub(crate) fn authorize_url(
    flow: WebFlow,
    app_id: &str,
    redirect_uri: &str,
    state: &str,
) -> String {
    format!(
        "{}?appid={}&redirect_uri={}&response_type=code&scope={}&state={}#wechat_redirect",
        flow.endpoint(),
        utf8_percent_encode(app_id, COMPONENT),
        utf8_percent_encode(redirect_uri, COMPONENT),
        flow.scope(),
        utf8_percent_encode(state, COMPONENT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::OfficialAccountScope;

    #[test]
    fn qr_url_has_every_parameter_and_the_fragment() {
        let url = authorize_url(
            WebFlow::QrConnect,
            "wx0123456789abcdef",
            "https://example.com/cb?x=1&y=2",
            "AbC123",
        );
        assert_eq!(
            url,
            "https://open.weixin.qq.com/connect/qrconnect?appid=wx0123456789abcdef\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1%26y%3D2\
             &response_type=code&scope=snsapi_login&state=AbC123#wechat_redirect"
        );
    }

    #[test]
    fn official_account_scopes() {
        for (scope, name) in [
            (OfficialAccountScope::Base, "snsapi_base"),
            (OfficialAccountScope::UserInfo, "snsapi_userinfo"),
        ] {
            let url = authorize_url(
                WebFlow::OfficialAccount { scope },
                "wxapp",
                "https://a.example/cb",
                "s",
            );
            assert!(url.starts_with("https://open.weixin.qq.com/connect/oauth2/authorize?"));
            assert!(url.contains(&format!("&scope={name}&")));
            assert!(url.ends_with("#wechat_redirect"));
        }
    }

    #[test]
    fn redirect_uri_rules() {
        assert!(validate_redirect_uri("https://example.com/cb").is_ok());
        assert!(validate_redirect_uri("http://127.0.0.1:8080/cb").is_ok());
        assert!(validate_redirect_uri("http://localhost/cb").is_ok());
        for bad in [
            "http://example.com/cb",
            "ftp://example.com/cb",
            "/relative/cb",
            "https://example.com/cb#frag",
            "",
        ] {
            assert!(
                matches!(validate_redirect_uri(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }
}
