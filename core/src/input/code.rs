//! Whether a string can be a WeChat authorization code at all.

use super::InputText;
use crate::WxLoginError;

/// WeChat's codes are 32 ASCII letters and digits today; anything printable up to 256
/// bytes is let through so a longer or differently shaped code of a future WeChat still
/// works, while text that cannot be a code (control characters, non-ASCII such as the
/// U+FFFD of a repaired lone surrogate, megabytes of data) never reaches the server.
const MAX_CODE_LEN: usize = 256;

pub(crate) fn plausible_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= MAX_CODE_LEN && code.bytes().all(|b| b.is_ascii_graphic())
}

/// The code of `login_with_code` / `bind_wechat`, or the typed error that says why it
/// cannot be one.
pub(crate) fn checked_code(code: InputText) -> Result<String, WxLoginError> {
    if plausible_code(code.as_str()) {
        Ok(code.into_string())
    } else {
        Err(WxLoginError::InvalidInput {
            reason: format!(
                "not a WeChat code: expected 1 to {MAX_CODE_LEN} printable ASCII characters"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_wechat_issues_them_are_plausible() {
        assert!(plausible_code("081Xyz0w3mXw1Z2fK42w3kQqS03Xyz0d"));
        assert!(plausible_code(&"a".repeat(MAX_CODE_LEN)));
    }

    #[test]
    fn text_that_cannot_be_a_code_is_refused_with_a_typed_error() {
        for bad in [
            String::new(),
            "a".repeat(MAX_CODE_LEN + 1),
            "code with space".into(),
            "line\nbreak".into(),
            "\u{FFFD}".into(),
            "码".into(),
        ] {
            assert!(!plausible_code(&bad), "{bad:?}");
            let err = checked_code(InputText::from(bad.clone())).unwrap_err();
            assert!(matches!(err, WxLoginError::InvalidInput { .. }), "{bad:?}");
        }
    }

    #[test]
    fn input_text_debug_shows_no_content() {
        let shown = format!("{:?}", InputText::from("081SecretCode"));
        assert!(!shown.contains("081SecretCode"), "{shown}");
    }
}
