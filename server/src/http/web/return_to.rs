//! Where the browser goes after signing in: only a path on this site.

/// Where to go when no (acceptable) `return_to` was given.
pub const HOME: &str = "/web/";
const MAX_LEN: usize = 512;

/// `requested` if it is a local path, else [`HOME`]. A local path starts with one `/`
/// (not `//` or `/\`, which browsers read as another host) and holds only unreserved
/// URL characters, `/`, `?`, `=`, `&` and `%`: no scheme, no host, no control or
/// space characters, nothing a page would have to escape.
pub fn local(requested: Option<&str>) -> String {
    match requested {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => HOME.to_owned(),
    }
}

/// `path` with `?return_to=` and `return_to` encoded, unless it is [`HOME`].
pub fn attach(path: &str, return_to: &str) -> String {
    if return_to == HOME {
        return path.to_owned();
    }
    let query = serde_urlencoded::to_string([("return_to", return_to)]).unwrap_or_default();
    format!("{path}?{query}")
}

fn is_local_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() <= MAX_LEN
        && bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/?=&%".contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_pass() {
        for good in ["/web/", "/shop/cart?item=3&n=2", "/a%20b"] {
            assert_eq!(local(Some(good)), good);
        }
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "evil.example",
            "javascript:alert(1)",
            "/x\r\nSet-Cookie: a=b",
            "/<script>",
            "",
        ] {
            assert_eq!(local(Some(bad)), HOME, "{bad:?}");
        }
        assert_eq!(local(None), HOME);
        assert_eq!(local(Some(&format!("/{}", "a".repeat(600)))), HOME);
    }
}
