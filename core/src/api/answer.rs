//! Reading an answer of the app's server: the envelope, or why it is not one.
//!
//! The one place where a status, a body and a `code` become a result: anything that is
//! not the contract's JSON envelope (a proxy's HTML error page, a captive portal, a
//! truncated body) is a typed error, never a panic or a guess.

use serde::de::DeserializeOwned;
use wxlogin_contract::{ApiCode, Envelope, ErrorDetails};

use crate::account::BindingConflict;
use crate::support::public_seconds;
use crate::WxLoginError;

/// The largest answer read; the API's answers are a few hundred bytes.
pub(crate) const MAX_ANSWER_BYTES: usize = 256 * 1024;

pub(crate) fn read_answer<T: DeserializeOwned>(
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<T, WxLoginError> {
    if !content_type.starts_with("application/json") {
        return Err(not_the_api(
            status,
            &format!("HTTP {status} with {}", shown(content_type)),
        ));
    }
    let envelope: Envelope<serde_json::Value> = serde_json::from_slice(body).map_err(|e| {
        not_the_api(
            status,
            &format!("HTTP {status}, body is not the envelope: {e}"),
        )
    })?;
    if let Some(code) = envelope.api_code() {
        let details: ErrorDetails = envelope
            .data
            .and_then(|d| serde_json::from_value(d).ok())
            .unwrap_or_default();
        return Err(from_code(code, status, envelope.msg, details));
    }
    let data = envelope
        .data
        .ok_or_else(|| WxLoginError::UnexpectedResponse {
            reason: "success without data".into(),
        })?;
    serde_json::from_value(data).map_err(|e| WxLoginError::UnexpectedResponse {
        reason: format!("data of an unexpected shape: {e}"),
    })
}

fn shown(content_type: &str) -> &str {
    if content_type.is_empty() {
        "no content type"
    } else {
        content_type
    }
}

/// A body that is not the API's: a gateway error is the service being down; anything
/// else (HTML from a proxy or captive portal, garbage) is an unexpected response.
fn not_the_api(status: u16, reason: &str) -> WxLoginError {
    if matches!(status, 502..=504) {
        WxLoginError::ServiceUnavailable {
            reason: reason.to_owned(),
        }
    } else {
        WxLoginError::UnexpectedResponse {
            reason: reason.to_owned(),
        }
    }
}

/// Every contract code to the variant that tells the app what to do.
fn from_code(code: ApiCode, status: u16, msg: String, details: ErrorDetails) -> WxLoginError {
    use ApiCode as C;
    let retry_after_s = public_seconds(details.retry_after_s.unwrap_or(60));
    match code {
        C::BadRequest
        | C::InvalidMobile
        | C::InvalidPassword
        | C::PayloadTooLarge
        | C::UnsupportedMediaType => WxLoginError::InvalidInput { reason: msg },
        C::CaptchaInvalid => WxLoginError::captcha_invalid(),
        C::CaptchaTooManyAttempts => WxLoginError::captcha_locked(),
        C::CaptchaCooldown | C::RateLimited => WxLoginError::RateLimited { retry_after_s },
        C::WechatCodeInvalid | C::WechatReauthorize | C::WechatSnapshotUser => {
            WxLoginError::reauthorize_wechat()
        }
        C::BindTicketInvalid => WxLoginError::bind_ticket_expired(),
        C::Unauthorized => WxLoginError::not_signed_in(),
        C::WrongCredentials => WxLoginError::wrong_credentials(),
        C::PhoneBoundToOtherWechat => refused(BindingConflict::PhoneHasOtherWechat),
        C::WechatAlreadyBound => refused(BindingConflict::AccountHasOtherWechat),
        C::WechatBoundToOtherAccount => refused(BindingConflict::WechatHasOtherAccount),
        C::PhoneAlreadyBound => refused(BindingConflict::AccountHasOtherPhone),
        C::PhoneBoundToOtherAccount => refused(BindingConflict::PhoneHasOtherAccount),
        C::Internal | C::WechatUnavailable | C::ServerBusy => {
            WxLoginError::ServiceUnavailable { reason: msg }
        }
        C::RequestTimeout => WxLoginError::Network { reason: msg },
        C::WechatMisconfigured => WxLoginError::server_misconfigured(),
        C::NotFound | C::MethodNotAllowed => WxLoginError::UnexpectedResponse {
            reason: format!("the server does not know this call: {msg}"),
        },
        C::Unknown if status >= 500 => WxLoginError::ServiceUnavailable { reason: msg },
        C::Unknown => WxLoginError::UnexpectedResponse {
            reason: format!("unknown error code (HTTP {status}): {msg}"),
        },
    }
}

fn refused(conflict: BindingConflict) -> WxLoginError {
    WxLoginError::BindingRefused { conflict }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wxlogin_contract::CaptchaResponse;

    const JSON: &str = "application/json";

    fn read(status: u16, content_type: &str, body: &str) -> Result<CaptchaResponse, WxLoginError> {
        read_answer(status, content_type, body.as_bytes())
    }

    #[test]
    fn success_data_is_decoded() {
        let got = read(
            200,
            JSON,
            r#"{"code":0,"msg":"成功","data":{"cooldown_s":60,"expires_in_s":300}}"#,
        );
        assert_eq!(
            got.unwrap(),
            CaptchaResponse {
                cooldown_s: 60,
                expires_in_s: 300
            }
        );
    }

    #[test]
    fn every_contract_code_has_a_variant_that_is_not_a_guess() {
        for code in ApiCode::ALL {
            let body = format!(r#"{{"code":{},"msg":"m","data":null}}"#, code.number());
            let err = read(code.http_status(), JSON, &body).unwrap_err();
            let generic = matches!(err, WxLoginError::UnexpectedResponse { .. });
            assert!(
                !generic || matches!(code, ApiCode::NotFound | ApiCode::MethodNotAllowed),
                "{code:?} -> {err:?}"
            );
        }
    }

    #[test]
    fn rate_limits_carry_their_wait() {
        let body = r#"{"code":42901,"msg":"wait","data":{"retry_after_s":42}}"#;
        assert_eq!(
            read(429, JSON, body).unwrap_err(),
            WxLoginError::RateLimited { retry_after_s: 42 }
        );
    }

    #[test]
    fn binding_conflicts_say_which_rule() {
        let body = r#"{"code":40901,"msg":"m","data":null}"#;
        assert_eq!(
            read(409, JSON, body).unwrap_err(),
            WxLoginError::BindingRefused {
                conflict: BindingConflict::PhoneHasOtherWechat
            }
        );
    }

    #[test]
    fn proxies_portals_and_truncation_are_typed() {
        let html = "<html><body>502 Bad Gateway</body></html>";
        assert!(matches!(
            read(502, "text/html", html),
            Err(WxLoginError::ServiceUnavailable { .. })
        ));
        assert!(matches!(
            read(
                200,
                "text/html; charset=utf-8",
                "<html>login to wifi</html>"
            ),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            read(200, JSON, r#"{"code":0,"msg":"ok","da"#),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            read(200, JSON, ""),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            read(200, "", "{}"),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            read(
                200,
                JSON,
                r#"{"code":0,"msg":"ok","data":{"cooldown_s":"x"}}"#
            ),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
        assert!(matches!(
            read(200, JSON, r#"{"code":0,"msg":"ok"}"#),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
    }

    #[test]
    fn unknown_codes_fall_back_to_their_http_class() {
        let body = r#"{"code":59999,"msg":"new","data":null}"#;
        assert!(matches!(
            read(503, JSON, body),
            Err(WxLoginError::ServiceUnavailable { .. })
        ));
        let body = r#"{"code":49999,"msg":"new","data":null}"#;
        assert!(matches!(
            read(400, JSON, body),
            Err(WxLoginError::UnexpectedResponse { .. })
        ));
    }
}
