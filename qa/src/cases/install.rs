//! Cases 13–15: WeChat missing, or removed while the app runs.

use wxlogin_core::{button_policy, AuthStart, ButtonPolicy, CaptchaPurpose, LoginResult, Platform};

use super::Ids;
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;

type Step = Result<(), String>;

/// 未安装微信,进入登录页面,未显示微信检测
pub async fn case_13(env: &QaEnv, c: &mut Checks) -> Step {
    c.eq(
        "iOS without WeChat hides the button",
        button_policy(Platform::Ios, false, false),
        ButtonPolicy::Hide,
    );
    c.eq(
        "Android without WeChat shows it with an install prompt",
        button_policy(Platform::Android, false, false),
        ButtonPolicy::ShowWithInstallPrompt,
    );
    c.eq(
        "iOS with WeChat shows it",
        button_policy(Platform::Ios, true, true),
        ButtonPolicy::Show,
    );
    let mut device = Device::new(env, Platform::Ios).await?;
    device.wechat_installed = false;
    c.eq(
        "the device's own policy hides it",
        device.core.button_policy(false, false),
        ButtonPolicy::Hide,
    );
    c.eq(
        "a tap anyway makes no request",
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    c.eq(
        "nothing is pending",
        device.core.is_auth_pending().map_err(|e| e.to_string())?,
        false,
    );
    Ok(())
}

/// 进入登录页面、进入app绑定微信页面,删除微信,点微信登录、绑定微信检测
pub async fn case_14(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let mut device = Device::new(env, Platform::Android).await?;
    c.eq(
        "with WeChat the button shows",
        device.core.button_policy(true, true),
        ButtonPolicy::Show,
    );
    device.wechat_installed = false;
    c.eq(
        "after removing WeChat the login tap makes no request",
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    c.eq(
        "and the button turns into an install prompt",
        device.core.button_policy(false, false),
        ButtonPolicy::ShowWithInstallPrompt,
    );
    device.wechat_installed = true;
    device.phone_login(&ids.mobile(1)).await?;
    device.wechat_installed = false;
    c.eq(
        "on the bind-WeChat page the tap makes no request",
        device.tap_wechat()?,
        AuthStart::NotInstalled,
    );
    let account = device
        .core
        .fetch_account()
        .await
        .map_err(|e| e.to_string())?;
    c.eq("the account is unchanged", account.is_bind_wechat, false);
    Ok(())
}

/// 微信登录成功,进入绑定手机号页面,删除微信,绑定手机号检测
pub async fn case_15(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let mut device = Device::new(env, Platform::Android).await?;
    let login = device
        .wechat_login(&ids.user("olga"))
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone { bind_ticket, .. } = login else {
        return Err(format!("expected the bind-phone page, got {login:?}"));
    };
    device.wechat_installed = false;
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let account = device
        .core
        .bind_phone(bind_ticket, ids.mobile(1), captcha)
        .await;
    c.that(
        "binding the phone needs no WeChat app",
        account.as_ref().is_ok_and(|a| a.is_bind_wechat),
        format!("{account:?}"),
    );
    Ok(())
}
