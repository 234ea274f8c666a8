//! SMS captchas: random, single use, bound to phone and purpose, expiring, with a
//! limited number of tries, a resend cooldown and per-phone / per-address rate limits.
//! All of it lives in the database, so several server instances behave as one.

mod sender;
mod store;

pub use sender::{DevSmsSender, SendFuture, SmsSender, UnconfiguredSender};
pub use store::{issue, verify, CaptchaError};

/// Mainland China mobile numbers: 11 digits starting with 1[3-9].
pub fn valid_mobile(mobile: &str) -> bool {
    let bytes = mobile.as_bytes();
    bytes.len() == 11
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
        && bytes.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::valid_mobile;

    #[test]
    fn mobile_numbers() {
        assert!(valid_mobile("13800138000"));
        assert!(valid_mobile("18221124104"));
        for bad in [
            "",
            "1380013800",
            "138001380000",
            "12800138000",
            "+8613800138000",
            "1380013800a",
            "１３８００１３８０００",
        ] {
            assert!(!valid_mobile(bad), "{bad}");
        }
    }
}
