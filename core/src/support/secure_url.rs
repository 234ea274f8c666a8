//! URLs that carry secrets (the app's server, a web flow's redirect) must be https.

use url::Url;

use super::{Error, Result};

/// Parses `value` and requires https; plain http is accepted only for a loopback host
/// (development, tests). `what` names the URL in the error.
pub(crate) fn secure_url(value: &str, what: &str) -> Result<Url> {
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
