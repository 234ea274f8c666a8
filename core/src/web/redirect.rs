//! Reading the redirect WeChat sends the browser back to.

use url::Url;

use crate::support::{Error, Result};

/// `code` and `state` from a redirect. WeChat appends them to the redirect URI's own
/// query: `redirect_uri?code=CODE&state=STATE`, or `redirect_uri?state=STATE` when the
/// user refused.
#[derive(PartialEq, Eq)]
pub(crate) struct RedirectParams {
    pub(crate) code: Option<String>,
    pub(crate) state: Option<String>,
}

/// Parses `url`. When `expected` (the pending request's redirect URI) is given, the URL
/// must point at the same scheme, host, port and path: any other page that happens to
/// carry `code` and `state` is not the redirect.
pub(crate) fn parse_redirect(url: &str, expected: Option<&str>) -> Result<RedirectParams> {
    let parsed = Url::parse(url).map_err(|e| Error::Redirect(format!("not a URL: {e}")))?;
    if let Some(expected) = expected {
        let expected = Url::parse(expected)
            .map_err(|e| Error::Internal(format!("stored redirect URI unreadable: {e}")))?;
        if !same_endpoint(&parsed, &expected) {
            return Err(Error::Redirect(
                "not the pending request's redirect URI".into(),
            ));
        }
    }
    let code = single_param(&parsed, "code")?;
    let state = single_param(&parsed, "state")?;
    if code.is_none() && state.is_none() {
        return Err(Error::Redirect("neither code nor state in the URL".into()));
    }
    Ok(RedirectParams { code, state })
}

fn same_endpoint(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
        && a.path() == b.path()
}

/// The one value of `name`; a repeated parameter is ambiguous and refused, since the
/// two copies may disagree about which code or state is meant.
fn single_param(url: &Url, name: &str) -> Result<Option<String>> {
    let mut values = url.query_pairs().filter(|(k, _)| k == name).map(|(_, v)| v);
    let first = values.next().map(|v| v.into_owned());
    if values.next().is_some() {
        return Err(Error::Redirect(format!("`{name}` appears more than once")));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(url: &str) -> Result<(Option<String>, Option<String>)> {
        parse_redirect(url, Some("https://app.example/cb")).map(|p| (p.code, p.state))
    }

    #[test]
    fn code_and_state() {
        assert_eq!(
            params("https://app.example/cb?code=C1&state=S1").unwrap(),
            (Some("C1".into()), Some("S1".into()))
        );
    }

    #[test]
    fn denied_has_state_only() {
        assert_eq!(
            params("https://app.example/cb?state=S1").unwrap(),
            (None, Some("S1".into()))
        );
    }

    #[test]
    fn the_redirect_uris_own_query_is_kept_apart() {
        assert_eq!(
            params("https://app.example/cb?from=menu&code=C%2B1&state=S1").unwrap(),
            (Some("C+1".into()), Some("S1".into()))
        );
    }

    #[test]
    fn typed_errors_for_everything_else() {
        for bad in [
            "https://app.example/cb",
            "https://app.example/cb?foo=bar",
            "https://evil.example/cb?code=C&state=S",
            "https://app.example/other?code=C&state=S",
            "http://app.example/cb?code=C&state=S",
            "https://app.example/cb?code=C&code=D&state=S",
            "https://app.example/cb?code=C&state=S&state=T",
            "not a url",
            "",
        ] {
            assert!(matches!(params(bad), Err(Error::Redirect(_))), "{bad}");
        }
    }

    #[test]
    fn without_a_pending_request_any_address_is_parsed() {
        let p = parse_redirect("https://x.example/y?code=C&state=S", None).unwrap();
        assert_eq!(p.code.as_deref(), Some("C"));
    }
}
