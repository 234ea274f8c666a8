//! What a value looks like in a failure sentence: short, in both languages, without
//! secrets. `Debug` is for developers (and goes, redacted, into the folded details);
//! this is what QA reads: "expected: binding refused: this account already has another
//! phone (40904); got: success: account #12 (phone 199****0101, WeChat bound)".

use wxlogin_core::{
    Account, AuthOutcome, AuthStart, BindingConflict, ButtonPolicy, CaptchaSent, FlowState,
    LoginResult, WxLoginError,
};

use crate::redact::{mask_mobile, redact};
use crate::text::Text;

pub trait Shown {
    fn shown(&self) -> Text;
}

impl<T: Shown + ?Sized> Shown for &T {
    fn shown(&self) -> Text {
        (**self).shown()
    }
}

impl Shown for Text {
    fn shown(&self) -> Text {
        self.clone()
    }
}

impl Shown for bool {
    fn shown(&self) -> Text {
        if *self {
            Text::new("是", "yes")
        } else {
            Text::new("否", "no")
        }
    }
}

macro_rules! shown_as_number {
    ($($t:ty),*) => {$(
        impl Shown for $t {
            fn shown(&self) -> Text {
                Text::same(self.to_string())
            }
        }
    )*};
}
shown_as_number!(i32, i64, u32, u64, usize);

impl Shown for str {
    fn shown(&self) -> Text {
        Text::same(format!("\"{}\"", redact(self)))
    }
}

impl Shown for String {
    fn shown(&self) -> Text {
        self.as_str().shown()
    }
}

impl Shown for () {
    fn shown(&self) -> Text {
        Text::new("完成", "done")
    }
}

impl<T: Shown> Shown for Option<T> {
    fn shown(&self) -> Text {
        match self {
            Some(value) => value.shown(),
            None => Text::new("无", "none"),
        }
    }
}

impl<T: Shown, E: Shown> Shown for Result<T, E> {
    fn shown(&self) -> Text {
        match self {
            Ok(value) => prefixed(("成功:", "success: "), value.shown()),
            Err(err) => prefixed(("失败:", "error: "), err.shown()),
        }
    }
}

impl<T: Shown> Shown for Vec<T> {
    fn shown(&self) -> Text {
        let parts: Vec<Text> = self.iter().map(Shown::shown).collect();
        let join = |pick: fn(&Text) -> &str| parts.iter().map(pick).collect::<Vec<_>>().join(" → ");
        Text::new(join(|t| &t.zh), join(|t| &t.en))
    }
}

impl<A: Shown, B: Shown> Shown for (A, B) {
    fn shown(&self) -> Text {
        let (a, b) = (self.0.shown(), self.1.shown());
        Text::new(format!("{};{}", a.zh, b.zh), format!("{}; {}", a.en, b.en))
    }
}

fn prefixed(prefix: (&str, &str), text: Text) -> Text {
    Text::new(
        format!("{}{}", prefix.0, text.zh),
        format!("{}{}", prefix.1, text.en),
    )
}

impl Shown for Account {
    fn shown(&self) -> Text {
        let phone = self.mobile.as_deref().map_or_else(String::new, mask_mobile);
        let (wechat_zh, wechat_en) = if self.is_bind_wechat {
            ("已绑定", "bound")
        } else {
            ("未绑定", "not bound")
        };
        let phone_zh = if phone.is_empty() {
            "无".into()
        } else {
            phone.clone()
        };
        let phone_en = if phone.is_empty() {
            "none".into()
        } else {
            phone
        };
        Text::new(
            format!("账号 #{}(手机号 {phone_zh},微信{wechat_zh})", self.id),
            format!(
                "account #{} (phone {phone_en}, WeChat {wechat_en})",
                self.id
            ),
        )
    }
}

impl Shown for CaptchaSent {
    fn shown(&self) -> Text {
        Text::new("验证码已发送", "captcha sent")
    }
}

impl Shown for LoginResult {
    fn shown(&self) -> Text {
        match self {
            LoginResult::SignedIn { account } => {
                prefixed(("已登录:", "signed in: "), account.shown())
            }
            LoginResult::NeedsPhone { wechat, .. } => Text::new(
                format!("强制绑定手机号页面(微信昵称 {})", redact(&wechat.nickname)),
                format!(
                    "the forced bind-phone page (WeChat nickname {})",
                    redact(&wechat.nickname)
                ),
            ),
            LoginResult::NotAuthorized { outcome } => {
                prefixed(("未授权:", "not authorized: "), outcome.shown())
            }
        }
    }
}

impl Shown for AuthOutcome {
    fn shown(&self) -> Text {
        let (zh, en) = match self {
            AuthOutcome::Authorized { .. } => ("已授权(带 code)", "authorized (with a code)"),
            AuthOutcome::Cancelled => ("已取消", "cancelled"),
            AuthOutcome::Denied => ("用户拒绝", "denied"),
            AuthOutcome::SendFailed => ("发送失败", "send failed"),
            AuthOutcome::Unsupported => ("微信版本不支持", "unsupported by this WeChat"),
            AuthOutcome::SignatureMismatch => ("应用签名不符", "signature mismatch"),
            AuthOutcome::Failed => ("微信一般错误", "failed (generic WeChat error)"),
            AuthOutcome::UnknownErrCode { err_code } => {
                return Text::new(
                    format!("未知 errCode {err_code}"),
                    format!("unknown errCode {err_code}"),
                )
            }
            AuthOutcome::MissingCode => ("缺少 code", "missing code"),
            AuthOutcome::StateMissing => ("缺少 state", "no state"),
            AuthOutcome::StateOversized => ("state 过长", "state too long"),
            AuthOutcome::StateMismatch => ("state 不符", "state mismatch"),
            AuthOutcome::StateExpired => ("state 已过期", "state expired"),
            AuthOutcome::Duplicate => ("重复回调(已忽略)", "duplicate callback (ignored)"),
            AuthOutcome::Replayed => ("重放回调", "replayed callback"),
            AuthOutcome::NoPendingRequest => ("没有待处理的请求", "no pending request"),
        };
        Text::new(zh, en)
    }
}

impl Shown for AuthStart {
    fn shown(&self) -> Text {
        match self {
            AuthStart::Request { .. } => Text::new("向微信发起了请求", "a request to WeChat"),
            AuthStart::NotInstalled => {
                Text::new("未安装微信,未发起请求", "not installed, no request")
            }
            AuthStart::UpdateRequired => {
                Text::new("需要更新微信,未发起请求", "update required, no request")
            }
        }
    }
}

impl Shown for ButtonPolicy {
    fn shown(&self) -> Text {
        match self {
            ButtonPolicy::Show => Text::new("显示微信按钮", "show the WeChat button"),
            ButtonPolicy::ShowWithInstallPrompt => Text::new(
                "显示按钮并引导安装",
                "show the button with an install prompt",
            ),
            ButtonPolicy::Hide => Text::new("隐藏微信按钮", "hide the WeChat button"),
        }
    }
}

impl Shown for FlowState {
    fn shown(&self) -> Text {
        match self {
            FlowState::Idle => Text::new("登录页(空闲)", "the login screen (idle)"),
            FlowState::WaitingForWechat => Text::new("等待微信回调", "waiting for WeChat"),
            FlowState::Exchanging => Text::new("正在用 code 登录", "exchanging the code"),
            FlowState::NeedsPhone { .. } => {
                Text::new("强制绑定手机号页面", "the forced bind-phone page")
            }
            FlowState::SignedIn { account } => {
                prefixed(("已登录:", "signed in: "), account.shown())
            }
        }
    }
}

impl Shown for BindingConflict {
    fn shown(&self) -> Text {
        let (zh, en) = match self {
            BindingConflict::PhoneHasOtherWechat => (
                "该手机号的账号已绑定其他微信(40901)",
                "the phone's account has another WeChat (40901)",
            ),
            BindingConflict::AccountHasOtherWechat => (
                "该账号已绑定其他微信(40902)",
                "this account already has another WeChat (40902)",
            ),
            BindingConflict::WechatHasOtherAccount => (
                "该微信已绑定其他账号(40903)",
                "this WeChat belongs to another account (40903)",
            ),
            BindingConflict::AccountHasOtherPhone => (
                "该账号已绑定其他手机号(40904)",
                "this account already has another phone (40904)",
            ),
            BindingConflict::PhoneHasOtherAccount => (
                "该手机号已属于其他账号(40905)",
                "this phone belongs to another account (40905)",
            ),
        };
        Text::new(zh, en)
    }
}

impl Shown for WxLoginError {
    fn shown(&self) -> Text {
        use WxLoginError as E;
        let zh = match self {
            E::BindingRefused { conflict } => {
                return prefixed(("绑定被拒:", "binding refused: "), conflict.shown())
            }
            E::InvalidConfig { .. } => "配置无效",
            E::Storage { .. } => "安全存储读写失败",
            E::InvalidRedirect { .. } => "不是本次请求的微信回跳",
            E::Network { .. } => "网络错误",
            E::ServiceUnavailable { .. } => "服务暂不可用",
            E::ServerMisconfigured { .. } => "服务器的微信配置错误",
            E::UnexpectedResponse { .. } => "意外的响应",
            E::InvalidInput { .. } => "输入无效",
            E::NotSignedIn { .. } => "未登录",
            E::ReauthorizeWechat { .. } => "需要重新微信授权",
            E::BindTicketExpired { .. } => "微信登录已过期,需重新微信登录",
            E::CaptchaInvalid { .. } => "验证码错误或已过期",
            E::CaptchaLocked { .. } => "验证码错误次数过多",
            E::RateLimited { .. } => "请求过于频繁",
            E::WrongCredentials { .. } => "账号或密码错误",
            E::Internal { .. } => "内部错误",
        };
        let en = redact(&self.to_string());
        // The reason (network detail, the server's message) is English technical text;
        // the Chinese side names the kind and keeps the detail after it.
        let detail = en.split_once(": ").map(|(_, detail)| detail);
        let zh = match (self, detail) {
            (E::RateLimited { retry_after_s }, _) => format!("{zh},{retry_after_s} 秒后重试"),
            (_, Some(detail)) => format!("{zh}({detail})"),
            (_, None) => zh.to_owned(),
        };
        Text::new(zh, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> Account {
        Account {
            id: 12,
            mobile: Some("19901234567".into()),
            account: None,
            is_bind_wechat: true,
            wechat_name: Some("Alice".into()),
            wechat_avatar_url: Some("http://127.0.0.1:1/v1/avatars/3".into()),
            wechat_open_id: Some("oOPENID123".into()),
            wechat_union_id: Some("uUNIONID456".into()),
            is_bind_avatar: true,
        }
    }

    #[test]
    fn an_account_without_its_secrets() {
        let text = Ok::<_, WxLoginError>(account()).shown();
        assert_eq!(
            text.en,
            "success: account #12 (phone 199****4567, WeChat bound)"
        );
        assert_eq!(text.zh, "成功:账号 #12(手机号 199****4567,微信已绑定)");
    }

    #[test]
    fn errors_in_both_languages() {
        let refused = WxLoginError::BindingRefused {
            conflict: BindingConflict::AccountHasOtherPhone,
        };
        assert_eq!(refused.shown().zh, "绑定被拒:该账号已绑定其他手机号(40904)");
        assert_eq!(
            refused.shown().en,
            "binding refused: this account already has another phone (40904)"
        );
        let network = WxLoginError::Network {
            reason: "connection refused".into(),
        };
        assert_eq!(network.shown().zh, "网络错误(connection refused)");
        assert_eq!(network.shown().en, "network: connection refused");
        let limited = WxLoginError::RateLimited { retry_after_s: 60 };
        assert_eq!(limited.shown().zh, "请求过于频繁,60 秒后重试");
    }

    #[test]
    fn a_code_never_shows() {
        let outcome = AuthOutcome::Authorized {
            code: "0a1B2c3D".into(),
        };
        assert!(!format!("{:?}", outcome.shown()).contains("0a1B2c3D"));
    }
}
