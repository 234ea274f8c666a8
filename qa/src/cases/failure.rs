//! Case 18: authorization, login and both bindings failing, each with a typed answer.

use wxlogin_core::{AuthOutcome, AuthStart, CaptchaPurpose, LoginResult, Platform, WxLoginError};
use wxlogin_sim::control::{Fault, FaultTarget};

use super::Ids;
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;

type Step = Result<(), String>;

/// 微信授权、登录失败;绑定微信、绑定手机号失败检测
pub async fn case_18(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    // Authorization fails in WeChat.
    for (err_code, expected) in [
        (-4, AuthOutcome::Denied),
        (-1, AuthOutcome::Failed),
        (-6, AuthOutcome::SignatureMismatch),
    ] {
        let AuthStart::Request { state, .. } = device.tap_wechat()? else {
            return Err("no request".into());
        };
        let outcome = device
            .core
            .on_auth_resp(err_code, None, Some(state))
            .map_err(|e| e.to_string())?;
        c.eq(
            &format!("errCode {err_code}"),
            outcome.clone(),
            expected.clone(),
        );
        let landed = device
            .core
            .complete_wechat_login()
            .await
            .map_err(|e| e.to_string())?;
        c.eq(
            &format!("errCode {err_code}: no login"),
            landed,
            LoginResult::NotAuthorized { outcome: expected },
        );
    }
    // Login fails on the server's side.
    let forged = device
        .core
        .login_with_code("not-a-code-wechat-issued".into())
        .await;
    c.fails("a code WeChat refuses: authorize again", &forged, |e| {
        *e == WxLoginError::ReauthorizeWechat
    });
    // Busy for longer than the server retries a busy WeChat within its deadline.
    env.control
        .inject_fault(FaultTarget::AccessToken, Fault::errcode(-1), 10)
        .await
        .map_err(|e| e.to_string())?;
    let busy = device.wechat_login(&ids.user("rae")).await;
    env.control
        .clear_faults()
        .await
        .map_err(|e| e.to_string())?;
    c.fails("WeChat busy: service unavailable", &busy, |e| {
        matches!(e, WxLoginError::ServiceUnavailable { .. })
    });
    // Binding WeChat fails.
    let orphan = device.core.bind_wechat("some-code".into()).await;
    c.fails(
        "bind WeChat without a session: not signed in",
        &orphan,
        |e| *e == WxLoginError::NotSignedIn,
    );
    device.phone_login(&ids.mobile(1)).await?;
    let rejected = device
        .core
        .bind_wechat("not-a-code-wechat-issued".into())
        .await;
    c.fails(
        "bind WeChat with a refused code: authorize again",
        &rejected,
        |e| *e == WxLoginError::ReauthorizeWechat,
    );
    // Binding a phone fails.
    let stale = device
        .core
        .bind_phone("expired-ticket".into(), ids.mobile(2), "123456".into())
        .await;
    c.fails(
        "bind phone with an unknown ticket: log in with WeChat again",
        &stale,
        |e| *e == WxLoginError::BindTicketExpired,
    );
    let other = Device::new(env, Platform::Android).await?;
    let login = other
        .wechat_login(&ids.user("sid"))
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone { bind_ticket, .. } = login else {
        return Err(format!("expected the bind-phone page, got {login:?}"));
    };
    let real = other.captcha(&ids.mobile(3), CaptchaPurpose::Bind).await?;
    let wrong = if real == "000000" { "111111" } else { "000000" };
    let typo = other
        .core
        .bind_phone(bind_ticket.clone(), ids.mobile(3), wrong.into())
        .await;
    c.fails("bind phone with a wrong captcha", &typo, |e| {
        *e == WxLoginError::CaptchaInvalid
    });
    let bad_number = other
        .core
        .request_captcha("12345".into(), CaptchaPurpose::Bind)
        .await;
    c.fails("a captcha for a malformed number", &bad_number, |e| {
        matches!(e, WxLoginError::InvalidInput { .. })
    });
    let fixed = other
        .core
        .bind_phone(bind_ticket, ids.mobile(3), real)
        .await;
    c.that(
        "after the failures, the right captcha binds",
        fixed.is_ok(),
        format!("{fixed:?}"),
    );
    Ok(())
}
