//! Stable error codes. The number is part of the API: never renumber a variant, only add.
//!
//! The first three digits are the HTTP status the server answers with, so a log line
//! with only the code still tells the class of failure.

macro_rules! api_codes {
    ($($(#[$doc:meta])* $name:ident = $number:literal,)*) => {
        /// What went wrong, and so what the client should do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ApiCode {
            $($(#[$doc])* $name,)*
            /// A code this version does not know (a newer server). Treat by its HTTP class.
            Unknown,
        }

        impl ApiCode {
            /// Every known code, for tables, docs and tests.
            pub const ALL: &'static [ApiCode] = &[$(ApiCode::$name,)*];

            pub fn number(self) -> i32 {
                match self {
                    $(ApiCode::$name => $number,)*
                    ApiCode::Unknown => 50000,
                }
            }

            pub fn from_number(number: i32) -> Self {
                match number {
                    $($number => ApiCode::$name,)*
                    _ => ApiCode::Unknown,
                }
            }
        }
    };
}

api_codes! {
    /// The body is not valid JSON of the expected shape (missing field, wrong type).
    BadRequest = 40001,
    /// The mobile number is not an 11-digit mainland China mobile number.
    InvalidMobile = 40002,
    /// The password is empty or too long to be a password.
    InvalidPassword = 40003,
    /// The SMS captcha is wrong, expired, already used, or for another purpose.
    CaptchaInvalid = 40010,
    /// WeChat refused the code (invalid, used, expired or missing): start a new
    /// authorization; never resend the same code.
    WechatCodeInvalid = 40020,
    /// The bind ticket is unknown, expired or used: log in with WeChat again.
    BindTicketInvalid = 40030,
    /// No session, or the session expired or was revoked: sign in again.
    Unauthorized = 40101,
    /// Account and password do not match.
    WrongCredentials = 40102,
    /// The WeChat grant behind the session is gone (refresh token expired or revoked):
    /// the user must authorize with WeChat again.
    WechatReauthorize = 40103,
    /// WeChat answered with a snapshot (placeholder) identity: the user must open the
    /// page for real before logging in.
    WechatSnapshotUser = 40301,
    /// No such route.
    NotFound = 40401,
    /// The route exists, but not for this method (`Allow` lists the ones it takes).
    MethodNotAllowed = 40501,
    /// The request body did not arrive in time: the connection is closed. Retry on a
    /// better network.
    RequestTimeout = 40801,
    /// The phone belongs to an account that already has a different WeChat (seed case 8).
    PhoneBoundToOtherWechat = 40901,
    /// This account already has a different WeChat bound (seed case 3).
    WechatAlreadyBound = 40902,
    /// This WeChat is already bound to another account (seed case 4).
    WechatBoundToOtherAccount = 40903,
    /// This account already has a different phone bound (seed case 7).
    PhoneAlreadyBound = 40904,
    /// This phone already belongs to another account.
    PhoneBoundToOtherAccount = 40905,
    /// The request body is larger than the server accepts.
    PayloadTooLarge = 41301,
    /// The request is not `application/json`.
    UnsupportedMediaType = 41501,
    /// A captcha was sent to this phone moments ago; `retry_after_s` tells when to ask again.
    CaptchaCooldown = 42901,
    /// Too many wrong captcha attempts: request a new captcha.
    CaptchaTooManyAttempts = 42902,
    /// Too many requests (captchas, or password attempts) from this phone, account or
    /// address; `retry_after_s` tells when to retry.
    RateLimited = 42903,
    /// A bug or an outage on the server. Retry later.
    Internal = 50001,
    /// WeChat is busy, over its quota or answered garbage. Retry later.
    WechatUnavailable = 50201,
    /// WeChat rejected the server's AppID or AppSecret: an operations alarm, not the user's
    /// problem.
    WechatMisconfigured = 50202,
    /// The server is at its limit of concurrent password checks; `retry_after_s` tells
    /// when to retry.
    ServerBusy = 50301,
}

impl ApiCode {
    /// The HTTP status the server answers this code with.
    pub fn http_status(self) -> u16 {
        u16::try_from(self.number() / 100).unwrap_or(500)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn numbers_are_unique_and_round_trip() {
        let numbers: HashSet<i32> = ApiCode::ALL.iter().map(|c| c.number()).collect();
        assert_eq!(numbers.len(), ApiCode::ALL.len());
        for code in ApiCode::ALL {
            assert_eq!(ApiCode::from_number(code.number()), *code);
        }
        assert_eq!(ApiCode::from_number(12345), ApiCode::Unknown);
    }

    #[test]
    fn statuses_are_http_error_classes() {
        for code in ApiCode::ALL {
            let status = code.http_status();
            assert!((400..600).contains(&status), "{code:?} -> {status}");
        }
        assert_eq!(ApiCode::PhoneBoundToOtherWechat.http_status(), 409);
        assert_eq!(ApiCode::Unauthorized.http_status(), 401);
        assert_eq!(ApiCode::WechatUnavailable.http_status(), 502);
    }
}
