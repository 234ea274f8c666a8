//! URLs that carry secrets (the app's server, a web flow's redirect) must be https.

use url::Url;

use super::{Error, Result};

/// Parses `value` and requires https; plain http is accepted only for a loopback host
/// (development, tests). `what` names the URL in the error.
///
/// A host name must be ASCII (its punycode form, `xn--…`): the shipped library leaves out
/// Unicode IDNA mapping (`idna_adapter` 1.0, for size), and a refusal that names the fix
/// is clearer than the parser's generic one.
pub(crate) fn secure_url(value: &str, what: &str) -> Result<Url> {
    if !written_host(value).is_ascii() {
        return Err(Error::Config(format!(
            "{what} has a Unicode host name; write it in its punycode form (xn--…)"
        )));
    }
    let url = Url::parse(value)
        .map_err(|e| Error::Config(format!("{what} is not an absolute URL: {e}")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        other => Err(Error::Config(format!(
            "{what} must be https (got {other}:)"
        ))),
    }
}

/// The authority of `value` as written: after `scheme://`, up to the path, query or
/// fragment (the whole string when there is no `://`).
fn written_host(value: &str) -> &str {
    let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unicode_host_is_refused_with_the_punycode_hint() {
        for url in [
            "https://例子.测试/api",
            "https://bücher.example",
            "https://user@münchen.example:8443/x",
        ] {
            match secure_url(url, "server_url") {
                Err(Error::Config(reason)) => {
                    assert!(reason.contains("punycode"), "{url}: {reason}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_punycode_form_and_unicode_outside_the_host_are_accepted() {
        let url = secure_url("https://xn--fsqu00a.xn--0zwm56d/api", "server_url").unwrap();
        assert_eq!(url.host_str(), Some("xn--fsqu00a.xn--0zwm56d"));
        let url = secure_url("https://api.example/用户?q=微信#片段", "server_url").unwrap();
        assert_eq!(url.path(), "/%E7%94%A8%E6%88%B7");
    }
}
