//! How secrets and personal data look in `Debug` output, which is also what the
//! generated Kotlin `toString()` and Swift `description` print (the types export their
//! Rust `Debug`). One place, so every type redacts the same way: codes, states, bind
//! tickets, tokens and openid/unionid show only whether they are there; a phone number
//! keeps enough to recognise it on a support call (`138****8000`).

use std::fmt;

/// What a hidden value prints.
pub(crate) const REDACTED: &str = "[redacted]";

/// A value that is there but must not be shown: `.field("code", &Hidden)`, or
/// `&value.as_ref().map(|_| Hidden)` for an optional one (`Some([redacted])` / `None`).
pub(crate) struct Hidden;

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// A phone number with its middle masked: the first three and the last four characters
/// of a number of at least eight, nothing of a shorter one (too little would be left to
/// hide).
pub(crate) fn mobile(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 8 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_keeps_its_ends_only() {
        assert_eq!(mobile("13800138000"), "138****8000");
        assert_eq!(mobile("+8613800138000"), "+86****8000");
        assert_eq!(mobile("1234567"), "****");
        assert_eq!(mobile(""), "****");
        assert!(!mobile("13812345678").contains("12345"));
    }

    #[test]
    fn hidden_prints_no_value() {
        assert_eq!(format!("{Hidden:?}"), REDACTED);
        let present = Some("oOpenId123").map(|_| Hidden);
        assert_eq!(format!("{present:?}"), "Some([redacted])");
        let absent: Option<&str> = None;
        assert_eq!(format!("{:?}", absent.map(|_| Hidden)), "None");
    }
}
