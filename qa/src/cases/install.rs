//! Cases 13–15: WeChat missing, or removed while the app runs.

use wxlogin_core::{
    button_policy, AuthStart, ButtonPolicy, CaptchaPurpose, LoginResult, Platform,
    WechatAvailability,
};

use super::{check_still_without_wechat, not_the_bind_page, Ids};
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;

type Step = Result<(), String>;

/// 未安装微信,进入登录页面,未显示微信检测
pub async fn case_13(env: &QaEnv, c: &mut Checks) -> Step {
    // Every platform and WeChat availability: the button shows only when WeChat can
    // take the request; otherwise iOS hides it and Android guides the user.
    for (platform, name, otherwise) in [
        (Platform::Ios, "iOS", ButtonPolicy::Hide),
        (
            Platform::Android,
            "Android",
            ButtonPolicy::ShowWithInstallPrompt,
        ),
    ] {
        for (availability, zh, en) in [
            (
                WechatAvailability::NotInstalled,
                "未安装微信",
                "WeChat not installed",
            ),
            (
                WechatAvailability::Outdated,
                "微信版本过旧",
                "WeChat too old for the API",
            ),
            (
                WechatAvailability::Ready,
                "已安装可用的微信",
                "a usable WeChat",
            ),
        ] {
            let want = if availability == WechatAvailability::Ready {
                ButtonPolicy::Show
            } else {
                otherwise
            };
            c.eq(
                (format!("{name},{zh}"), format!("{name}, {en}")),
                button_policy(platform, availability),
                want,
            );
        }
    }
    let mut device = Device::new(env, Platform::Ios).await?;
    device.wechat_installed = false;
    c.eq(
        ("该设备的按钮策略为隐藏", "the device's own policy hides it"),
        device.core.button_policy(WechatAvailability::NotInstalled),
        ButtonPolicy::Hide,
    );
    c.eq(
        ("仍然点击:不发起请求", "a tap anyway makes no request"),
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    c.eq(
        ("没有待处理的请求", "nothing is pending"),
        device.core.is_auth_pending().map_err(|e| e.to_string())?,
        false,
    );
    Ok(())
}

/// 进入登录页面、进入app绑定微信页面,删除微信,点微信登录、绑定微信检测
pub async fn case_14(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let mut device = Device::new(env, Platform::Android).await?;
    c.eq(
        ("有微信时显示按钮", "with WeChat the button shows"),
        device.core.button_policy(WechatAvailability::Ready),
        ButtonPolicy::Show,
    );
    device.wechat_installed = false;
    c.eq(
        (
            "删除微信后点击微信登录:不发起请求",
            "after removing WeChat the login tap makes no request",
        ),
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    c.eq(
        ("没有待处理的请求", "nothing is pending"),
        device.core.is_auth_pending().map_err(|e| e.to_string())?,
        false,
    );
    c.eq(
        (
            "按钮改为引导安装",
            "and the button turns into an install prompt",
        ),
        device.core.button_policy(WechatAvailability::NotInstalled),
        ButtonPolicy::ShowWithInstallPrompt,
    );
    device.wechat_installed = true;
    device.phone_login(&ids.mobile(1)).await?;
    device.wechat_installed = false;
    let sent_before = device.proxy.stats().bytes_to_upstream;
    c.eq(
        (
            "绑定微信页点击:不发起请求",
            "on the bind-WeChat page the tap makes no request",
        ),
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    c.eq(
        (
            "没有请求到达服务器(发往服务器的字节数不变)",
            "no request reaches the server (bytes sent to it unchanged)",
        ),
        device.proxy.stats().bytes_to_upstream,
        sent_before,
    );
    check_still_without_wechat(&device, c).await?;
    Ok(())
}

/// 微信登录成功,进入绑定手机号页面,删除微信,绑定手机号检测
pub async fn case_15(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let mut device = Device::new(env, Platform::Android).await?;
    let user = ids.user("olga");
    let login = device
        .wechat_login(&user)
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone { bind_ticket, .. } = login else {
        return Err(not_the_bind_page(&login));
    };
    device.wechat_installed = false;
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let account = device
        .core
        .bind_phone(bind_ticket.into(), ids.mobile(1).into(), captcha.into())
        .await;
    c.is(
        (
            "绑定手机号不需要微信应用",
            "binding the phone needs no WeChat app",
        ),
        &account,
        (
            "成功,账号带有登录时的微信资料",
            "success, the account holds the WeChat profile fetched at login",
        ),
        account
            .as_ref()
            .is_ok_and(|a| a.is_bind_wechat && a.wechat_name.as_deref() == Some(user.as_str())),
    );
    Ok(())
}
