//! Secrets out of what a report shows.
//!
//! A QA report is attached to bug trackers and mailed around, so it must not carry what
//! identifies a user or lets someone act as them: phone numbers, WeChat openid and
//! unionid, session tokens, WeChat codes, bind tickets, captchas, states. The core's own
//! `Debug` already hides codes, states and tickets; an `Account`'s `Debug` shows the
//! phone, openid and unionid, and error reasons or server answers can carry anything. So
//! everything a report prints about a value passes through [`redact`].

/// Keys whose values are secret, as Rust `Debug` (`key: "v"`, `key: Some("v")`), JSON
/// (`"key":"v"`) or a query string (`key=v`) print them.
const SECRET_KEYS: &[&str] = &[
    "wechat_open_id",
    "wechat_union_id",
    "open_id",
    "openid",
    "union_id",
    "unionid",
    "token",
    "access_token",
    "refresh_token",
    "session_token",
    "code",
    "bind_ticket",
    "ticket",
    "captcha",
    "state",
    "secret",
];

const REDACTED: &str = "[redacted]";

/// `text` with the values of secret keys replaced by `[redacted]` and every mainland
/// mobile number masked as `139****0101`.
pub fn redact(text: &str) -> String {
    mask_mobiles(&redact_values(text))
}

/// `13912340101` → `139****0101`: enough to tell two test phones apart, not to call one.
pub fn mask_mobile(mobile: &str) -> String {
    if mobile.len() == 11 && mobile.is_ascii() {
        format!("{}****{}", &mobile[..3], &mobile[7..])
    } else {
        "***".to_owned()
    }
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Masks every run of exactly 11 digits that starts with 1 (a mainland mobile number).
fn mask_mobiles(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 11 && bytes[start] == b'1' {
            out.push_str(&text[copied..start]);
            out.push_str(&mask_mobile(&text[start..i]));
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Replaces the values of [`SECRET_KEYS`]. Only ASCII positions are sliced at, so the
/// text around (Chinese included) is kept byte for byte.
fn redact_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_word(bytes[i]) || (i > 0 && is_word(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        if !SECRET_KEYS.contains(&&text[start..i]) {
            continue;
        }
        if let Some((from, to)) = secret_value(bytes, i) {
            out.push_str(&text[copied..from]);
            out.push_str(REDACTED);
            copied = to;
            i = to;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The byte range of the value that follows a secret key ending at `i`, if one does.
fn secret_value(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    // Pretty `Debug` (`{:#?}`) puts the value of `Some(` on the next line.
    let skip_spaces = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    if bytes.get(i) == Some(&b'"') {
        i += 1;
    }
    i = skip_spaces(i);
    match bytes.get(i)? {
        b'=' => {
            let from = i + 1;
            let mut to = from;
            while to < bytes.len() && !b"&\"' ,)}]\n".contains(&bytes[to]) {
                to += 1;
            }
            (to > from).then_some((from, to))
        }
        b':' => {
            i = skip_spaces(i + 1);
            if bytes[i..].starts_with(b"Some(") {
                i = skip_spaces(i + "Some(".len());
            }
            if bytes.get(i) != Some(&b'"') {
                return None;
            }
            let from = i + 1;
            let mut to = from;
            while to < bytes.len() && bytes[to] != b'"' {
                to += if bytes[to] == b'\\' { 2 } else { 1 };
            }
            Some((from, to.min(bytes.len())))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_an_account() {
        let debug = r#"Account { id: 7, mobile: Some("19901234567"), account: None, is_bind_wechat: true, wechat_name: Some("新仁类测试微信号???@¥"), wechat_open_id: Some("oAbC_123"), wechat_union_id: Some("uXyZ-9"), is_bind_avatar: true }"#;
        assert_eq!(
            redact(debug),
            r#"Account { id: 7, mobile: Some("199****4567"), account: None, is_bind_wechat: true, wechat_name: Some("新仁类测试微信号???@¥"), wechat_open_id: Some("[redacted]"), wechat_union_id: Some("[redacted]"), is_bind_avatar: true }"#
        );
    }

    #[test]
    fn pretty_debug() {
        let account = "Ok(\n    Account {\n        mobile: Some(\n            \"19901234567\",\n        ),\n        wechat_union_id: Some(\n            \"uXyZ-9\",\n        ),\n        token: \"abc\",\n    },\n)";
        let shown = redact(account);
        assert!(
            !shown.contains("19901234567") && !shown.contains("uXyZ-9") && !shown.contains("abc"),
            "{shown}"
        );
        assert!(
            shown.contains("wechat_union_id: Some(\n            \"[redacted]\""),
            "{shown}"
        );
    }

    #[test]
    fn json_and_query_strings() {
        assert_eq!(
            redact(
                r#"no SMS for 13912340101: {"code":40400,"captcha":"123456","token": "abc\"def"}"#
            ),
            r#"no SMS for 139****0101: {"code":40400,"captcha":"[redacted]","token": "[redacted]"}"#
        );
        assert_eq!(
            redact(
                "GET /sns/oauth2/access_token?appid=wx1&code=0a1B2c&grant_type=authorization_code"
            ),
            "GET /sns/oauth2/access_token?appid=wx1&code=[redacted]&grant_type=authorization_code"
        );
    }

    #[test]
    fn leaves_what_is_not_secret() {
        for text in [
            "UnknownErrCode(-7)",
            "err_code: -4",
            "expires_in_s: 600, at 1735689600123",
            "BindingRefused { conflict: AccountHasOtherPhone }",
            "绑定被拒:该账号已绑定其他手机号",
            "code",
            "token:",
        ] {
            assert_eq!(redact(text), text);
        }
    }
}
