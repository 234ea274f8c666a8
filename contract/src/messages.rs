//! Request and response bodies, one pair per endpoint.

use serde::{Deserialize, Serialize};

/// A credential in transit (session token, bind ticket, WeChat code, captcha, password).
/// `Debug` never shows it, so logging a request or response leaks nothing.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An account as the app sees it. The `wechat_*` and `is_bind_avatar` names are the
/// seed's own column names (test case 10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub mobile: Option<String>,
    pub account: Option<String>,
    pub is_bind_wechat: bool,
    pub wechat_name: Option<String>,
    /// The avatar as stored by the server (its own URL), not WeChat's `headimgurl`,
    /// which stops working when the user changes avatar.
    pub wechat_avatar: Option<String>,
    pub wechat_open_id: Option<String>,
    pub wechat_union_id: Option<String>,
    pub is_bind_avatar: bool,
}

/// The WeChat profile shown on the bind-phone page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WechatProfile {
    pub nickname: String,
    pub avatar_url: Option<String>,
}

/// `POST /v1/auth/wechat` and `POST /v1/me/wechat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WechatCodeRequest {
    pub code: Secret,
}

/// `POST /v1/auth/wechat`: signed in (`is_bind` true, with `token` and `user`) or a phone
/// must be bound first (`is_bind` false, with `bind_ticket`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WechatLoginResponse {
    pub is_bind: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bind_ticket: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bind_ticket_expires_in_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    pub wechat: WechatProfile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptchaPurpose {
    Login,
    Bind,
}

/// `POST /v1/captcha`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptchaRequest {
    pub mobile: String,
    pub purpose: CaptchaPurpose,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptchaResponse {
    /// Seconds before another captcha can be requested for this phone.
    pub cooldown_s: u32,
    /// Seconds this captcha stays valid.
    pub expires_in_s: u32,
}

/// `POST /v1/auth/wechat/bind-phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BindPhoneRequest {
    pub bind_ticket: Secret,
    pub mobile: String,
    pub captcha: Secret,
}

/// `POST /v1/auth/phone` and `POST /v1/me/phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneCaptchaRequest {
    pub mobile: String,
    pub captcha: Secret,
}

/// `POST /v1/auth/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordLoginRequest {
    pub account: String,
    pub password: Secret,
}

/// A new session: bind-phone, phone login, password login, resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: Secret,
    pub expires_in_s: u32,
    pub user: User,
}

/// `GET /v1/me`, `POST /v1/me/wechat`, `POST /v1/me/phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserResponse {
    pub user: User,
}

/// Details some errors carry in `data`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u32>,
}

/// `POST /v1/auth/logout`: nothing but the envelope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let req = BindPhoneRequest {
            bind_ticket: "TICKET123".into(),
            mobile: "13800138000".into(),
            captcha: "654321".into(),
        };
        let shown = format!("{req:?}");
        assert!(
            !shown.contains("TICKET123") && !shown.contains("654321"),
            "{shown}"
        );
        assert!(shown.contains("13800138000"));
    }

    #[test]
    fn the_seed_envelope_shape() {
        let body = crate::Envelope::ok(WechatLoginResponse {
            is_bind: false,
            token: None,
            bind_ticket: Some("T".into()),
            bind_ticket_expires_in_s: Some(600),
            user: None,
            wechat: WechatProfile {
                nickname: "新仁类测试微信号???@¥".into(),
                avatar_url: None,
            },
        });
        let json: serde_json::Value = serde_json::to_value(&body).unwrap();
        assert_eq!(json["code"], 0);
        assert_eq!(json["data"]["is_bind"], false);
        assert_eq!(json["data"]["wechat"]["nickname"], "新仁类测试微信号???@¥");
        assert!(json["data"].get("token").is_none());
    }

    #[test]
    fn unknown_fields_are_refused() {
        let got = serde_json::from_str::<WechatCodeRequest>(r#"{"code":"c","user_id":7}"#);
        assert!(got.is_err());
    }
}
