//! What a WeChat callback means for the app.

use crate::support::redact::Hidden;

/// The `errCode` of the WeChat SDK's `BaseResp`, as documented for `SendAuth.Resp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkErrCode {
    /// 0, `ERR_OK`: the user agreed; the response carries a code.
    Ok,
    /// -1, `ERR_COMM`: generic failure.
    Comm,
    /// -2, `ERR_USER_CANCEL`.
    UserCancel,
    /// -3, `ERR_SENT_FAILED`.
    SentFailed,
    /// -4, `ERR_AUTH_DENIED`.
    AuthDenied,
    /// -5, `ERR_UNSUPPORT`: this WeChat version cannot do it.
    Unsupported,
    /// -6, `ERR_BAN`: the app's signature or package does not match its registration.
    Ban,
    /// Any other value, from a WeChat version newer than this table.
    Unknown(i32),
}

impl From<i32> for SdkErrCode {
    fn from(raw: i32) -> Self {
        match raw {
            0 => Self::Ok,
            -1 => Self::Comm,
            -2 => Self::UserCancel,
            -3 => Self::SentFailed,
            -4 => Self::AuthDenied,
            -5 => Self::Unsupported,
            -6 => Self::Ban,
            other => Self::Unknown(other),
        }
    }
}

/// The result of one WeChat authorization, for the app to switch on.
///
/// Only `Authorized` carries a code, and only for `errCode` 0 with the state of the
/// pending request, unexpired and not used before. Every other case has its own variant
/// so that the app can tell the user the right thing and the developer can see in logs
/// which integration mistake happened.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum AuthOutcome {
    /// The user agreed. Send `code` to the app's server once; it is single use and
    /// expires after ten minutes.
    Authorized { code: String },
    /// `ERR_USER_CANCEL`, or the app came back without a callback and the grace period
    /// ran out, or the app cancelled the request. Back to the login screen, no message.
    Cancelled,
    /// `ERR_AUTH_DENIED`: the user refused. Offer the other logins.
    Denied,
    /// `ERR_SENT_FAILED`: the request did not reach WeChat. Let the user try again.
    SendFailed,
    /// `ERR_UNSUPPORT`: this WeChat is too old. Ask the user to update WeChat.
    Unsupported,
    /// `ERR_BAN` (Android): the app's signature or package name does not match the one
    /// registered on the open platform. A release-configuration bug, not a user problem.
    SignatureMismatch,
    /// `ERR_COMM`: WeChat reported a generic failure. Let the user try again.
    Failed,
    /// An `errCode` this version does not know. Treated as a failure; the value is kept
    /// for logs and bug reports.
    UnknownErrCode { err_code: i32 },
    /// `errCode` 0 with the right state but no code: a broken response. The request is
    /// used up; let the user try again.
    MissingCode,
    /// The callback carried no state. Not ours, or a broken integration: ignore it.
    StateMissing,
    /// The state is longer than any state this core issues: ignore it.
    StateOversized,
    /// A state that is not the pending request's: forged, or from another install.
    /// The pending request stays open.
    StateMismatch,
    /// The pending request's state, but after its lifetime. The request is used up;
    /// let the user try again.
    StateExpired,
    /// A second delivery for a request that is already resolved (by an earlier callback,
    /// the grace period, a cancel, or a newer request). Ignore it: the first one counts.
    Duplicate,
    /// A used state came back with a different code: someone is replaying or forging
    /// callbacks. Ignore it; worth a security log line.
    Replayed,
    /// A callback arrived but no request is pending and its state is unknown.
    NoPendingRequest,
}

impl std::fmt::Debug for AuthOutcome {
    /// Like a derived `Debug`, except that the code never appears.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Authorized { .. } => f.debug_struct("Authorized").field("code", &Hidden).finish(),
            Self::Cancelled => f.write_str("Cancelled"),
            Self::Denied => f.write_str("Denied"),
            Self::SendFailed => f.write_str("SendFailed"),
            Self::Unsupported => f.write_str("Unsupported"),
            Self::SignatureMismatch => f.write_str("SignatureMismatch"),
            Self::Failed => f.write_str("Failed"),
            Self::UnknownErrCode { err_code } => write!(f, "UnknownErrCode({err_code})"),
            Self::MissingCode => f.write_str("MissingCode"),
            Self::StateMissing => f.write_str("StateMissing"),
            Self::StateOversized => f.write_str("StateOversized"),
            Self::StateMismatch => f.write_str("StateMismatch"),
            Self::StateExpired => f.write_str("StateExpired"),
            Self::Duplicate => f.write_str("Duplicate"),
            Self::Replayed => f.write_str("Replayed"),
            Self::NoPendingRequest => f.write_str("NoPendingRequest"),
        }
    }
}

impl AuthOutcome {
    /// Whether this outcome ended the pending request (as opposed to a callback that
    /// was ignored: wrong, missing or used state).
    pub(crate) fn ends_request(&self) -> bool {
        !matches!(
            self,
            Self::StateMissing
                | Self::StateOversized
                | Self::StateMismatch
                | Self::Duplicate
                | Self::Replayed
                | Self::NoPendingRequest
        )
    }

    /// The outcome of a callback whose state matched the pending, unexpired request.
    pub(crate) fn for_matched_request(err_code: SdkErrCode, code: Option<&str>) -> Self {
        match err_code {
            SdkErrCode::Ok => match code {
                Some(code) => Self::Authorized {
                    code: code.to_owned(),
                },
                None => Self::MissingCode,
            },
            SdkErrCode::Comm => Self::Failed,
            SdkErrCode::UserCancel => Self::Cancelled,
            SdkErrCode::SentFailed => Self::SendFailed,
            SdkErrCode::AuthDenied => Self::Denied,
            SdkErrCode::Unsupported => Self::Unsupported,
            SdkErrCode::Ban => Self::SignatureMismatch,
            SdkErrCode::Unknown(err_code) => Self::UnknownErrCode { err_code },
        }
    }
}

/// What [`crate::WxLogin::begin_auth`] gives the app.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum AuthStart {
    /// Put `scope` and `state` into `SendAuth.Req` and send it.
    Request { scope: String, state: String },
    /// WeChat is not installed: no request was made. Android guides the user to install
    /// it; iOS should not have shown the button (seed cases 13–14).
    NotInstalled,
    /// WeChat is installed but too old for the login API: ask the user to update it.
    UpdateRequired,
}

impl std::fmt::Debug for AuthStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Request { scope, .. } => f
                .debug_struct("Request")
                .field("scope", scope)
                .field("state", &Hidden)
                .finish(),
            Self::NotInstalled => f.write_str("NotInstalled"),
            Self::UpdateRequired => f.write_str("UpdateRequired"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_err_code_has_its_own_outcome() {
        let cases = [
            (0, AuthOutcome::Authorized { code: "c".into() }),
            (-1, AuthOutcome::Failed),
            (-2, AuthOutcome::Cancelled),
            (-3, AuthOutcome::SendFailed),
            (-4, AuthOutcome::Denied),
            (-5, AuthOutcome::Unsupported),
            (-6, AuthOutcome::SignatureMismatch),
            (-7, AuthOutcome::UnknownErrCode { err_code: -7 }),
            (1, AuthOutcome::UnknownErrCode { err_code: 1 }),
        ];
        for (raw, expected) in cases {
            let got = AuthOutcome::for_matched_request(SdkErrCode::from(raw), Some("c"));
            assert_eq!(got, expected, "errCode {raw}");
        }
    }

    #[test]
    fn only_ok_with_a_code_authorizes() {
        assert_eq!(
            AuthOutcome::for_matched_request(SdkErrCode::Ok, None),
            AuthOutcome::MissingCode
        );
        for raw in [-1, -2, -3, -4, -5, -6, 42] {
            let got = AuthOutcome::for_matched_request(SdkErrCode::from(raw), Some("code"));
            assert!(
                !matches!(got, AuthOutcome::Authorized { .. }),
                "errCode {raw}"
            );
        }
    }

    #[test]
    fn debug_redacts_code_and_state() {
        let outcome = AuthOutcome::Authorized {
            code: "081Xyz".into(),
        };
        assert!(!format!("{outcome:?}").contains("081Xyz"));
        let start = AuthStart::Request {
            scope: "snsapi_userinfo".into(),
            state: "Q7fPzz".into(),
        };
        let shown = format!("{start:?}");
        assert!(!shown.contains("Q7fPzz"));
        assert!(shown.contains("snsapi_userinfo"));
    }
}
