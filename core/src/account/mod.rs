//! What the app's server says about the user, as the app sees it.

use wxlogin_contract as contract;

use crate::support::redact::{self, Hidden};

/// The signed-in account. Its `Debug` (Kotlin `toString()`, Swift `description`) masks
/// the phone number and shows only whether openid and unionid are there; the fields
/// themselves hold the values.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Account {
    pub id: i64,
    pub mobile: Option<String>,
    /// The login name of a password account.
    pub account: Option<String>,
    pub is_bind_wechat: bool,
    pub wechat_name: Option<String>,
    /// The avatar stored by the app's server, as an absolute URL (WeChat's own
    /// `headimgurl` stops working when the user changes avatar).
    pub wechat_avatar_url: Option<String>,
    pub wechat_open_id: Option<String>,
    pub wechat_union_id: Option<String>,
    pub is_bind_avatar: bool,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("mobile", &self.mobile.as_deref().map(redact::mobile))
            .field("account", &self.account)
            .field("is_bind_wechat", &self.is_bind_wechat)
            .field("wechat_name", &self.wechat_name)
            .field("wechat_avatar_url", &self.wechat_avatar_url)
            .field(
                "wechat_open_id",
                &self.wechat_open_id.as_ref().map(|_| Hidden),
            )
            .field(
                "wechat_union_id",
                &self.wechat_union_id.as_ref().map(|_| Hidden),
            )
            .field("is_bind_avatar", &self.is_bind_avatar)
            .finish()
    }
}

impl Account {
    /// From the contract's `User`, with the avatar path resolved against the server.
    pub(crate) fn from_contract(user: contract::User, base: &url::Url) -> Self {
        Self {
            id: user.id,
            mobile: user.mobile,
            account: user.account,
            is_bind_wechat: user.is_bind_wechat,
            wechat_name: user.wechat_name,
            wechat_avatar_url: user
                .wechat_avatar
                .and_then(|path| base.join(&path).ok())
                .map(String::from),
            wechat_open_id: user.wechat_open_id,
            wechat_union_id: user.wechat_union_id,
            is_bind_avatar: user.is_bind_avatar,
        }
    }
}

/// The WeChat profile to show on the bind-phone page.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WechatProfile {
    pub nickname: String,
    pub avatar_url: Option<String>,
}

/// What a WeChat login led to.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum LoginResult {
    /// Signed in; the session is saved in the secure store.
    SignedIn { account: Account },
    /// This WeChat has no account yet: show the bind-phone page with `wechat`, then call
    /// `bind_phone` with `bind_ticket` within `expires_in_s` seconds (seed case 12).
    NeedsPhone {
        bind_ticket: String,
        wechat: WechatProfile,
        expires_in_s: i32,
    },
    /// The user did not authorize in WeChat (cancelled, denied, no callback …): back to
    /// the login screen. Only from `complete_wechat_login`.
    NotAuthorized { outcome: crate::AuthOutcome },
}

impl std::fmt::Debug for LoginResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SignedIn { account } => f
                .debug_struct("SignedIn")
                .field("account", account)
                .finish(),
            Self::NeedsPhone {
                wechat,
                expires_in_s,
                ..
            } => f
                .debug_struct("NeedsPhone")
                .field("bind_ticket", &Hidden)
                .field("wechat", wechat)
                .field("expires_in_s", expires_in_s)
                .finish(),
            Self::NotAuthorized { outcome } => f
                .debug_struct("NotAuthorized")
                .field("outcome", outcome)
                .finish(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CaptchaPurpose {
    /// Phone login (or registration).
    Login,
    /// Binding a phone: after a WeChat login, or to the signed-in account.
    Bind,
}

impl From<CaptchaPurpose> for contract::CaptchaPurpose {
    fn from(purpose: CaptchaPurpose) -> Self {
        match purpose {
            CaptchaPurpose::Login => contract::CaptchaPurpose::Login,
            CaptchaPurpose::Bind => contract::CaptchaPurpose::Bind,
        }
    }
}

/// An SMS captcha is on its way.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CaptchaSent {
    /// Seconds before the "send again" button may be enabled.
    pub cooldown_s: i32,
    /// Seconds the captcha stays valid.
    pub expires_in_s: i32,
}

/// Which binding rule refused the request; each wants its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BindingConflict {
    /// The phone's account already has another WeChat (seed case 8).
    PhoneHasOtherWechat,
    /// The signed-in account already has another WeChat (case 3).
    AccountHasOtherWechat,
    /// The WeChat belongs to another account (case 4).
    WechatHasOtherAccount,
    /// The signed-in account already has another phone (case 7).
    AccountHasOtherPhone,
    /// The phone belongs to another account.
    PhoneHasOtherAccount,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_masks_the_phone_and_hides_the_wechat_ids() {
        let account = Account {
            id: 7,
            mobile: Some("13812345678".into()),
            account: None,
            is_bind_wechat: true,
            wechat_name: Some("小明".into()),
            wechat_avatar_url: None,
            wechat_open_id: Some("oOpenIdSecret".into()),
            wechat_union_id: Some("oUnionIdSecret".into()),
            is_bind_avatar: false,
        };
        let needs_phone = LoginResult::NeedsPhone {
            bind_ticket: "bt_TicketSecret".into(),
            wechat: WechatProfile {
                nickname: "小明".into(),
                avatar_url: None,
            },
            expires_in_s: 600,
        };
        let shown = format!("{account:?} {needs_phone:?}");
        for secret in [
            "13812345678",
            "oOpenIdSecret",
            "oUnionIdSecret",
            "bt_TicketSecret",
        ] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("138****5678"), "{shown}");
        assert!(
            shown.contains("wechat_open_id: Some([redacted])"),
            "{shown}"
        );
    }
}
