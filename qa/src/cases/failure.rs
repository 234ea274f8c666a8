//! Case 18: authorization, login and both bindings failing, each with a typed answer.

use wxlogin_core::{
    AuthOutcome, AuthStart, BindingConflict, CaptchaPurpose, FlowState, LoginResult, Platform,
    WxLoginError,
};
use wxlogin_sim::control::{Fault, FaultTarget};

use super::{not_the_bind_page, Ids};
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;
use crate::shown::Shown;
use crate::text::Text;

type Step = Result<(), String>;

/// 微信授权、登录失败;绑定微信、绑定手机号失败检测
pub async fn case_18(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    // Every errCode the SDK can hand back, except a success with its code: the outcome
    // the app switches on, and no login (back on the login screen).
    for (err_code, expected) in [
        (0, AuthOutcome::MissingCode),
        (-1, AuthOutcome::Failed),
        (-2, AuthOutcome::Cancelled),
        (-3, AuthOutcome::SendFailed),
        (-4, AuthOutcome::Denied),
        (-5, AuthOutcome::Unsupported),
        (-6, AuthOutcome::SignatureMismatch),
        (-7, AuthOutcome::UnknownErrCode { err_code: -7 }),
    ] {
        let AuthStart::Request { state, .. } = device.tap_wechat()? else {
            return Err("no request".into());
        };
        let outcome = device
            .core
            .on_auth_resp(err_code, None, Some(state.into()))
            .map_err(|e| e.to_string())?;
        let name = match err_code {
            0 => Text::new("errCode 0 但没有 code", "errCode 0 without a code"),
            _ => Text::same(format!("errCode {err_code}")),
        };
        let want = expected.shown();
        c.eq(
            (
                format!("{}:{}", name.zh, want.zh),
                format!("{}: {}", name.en, want.en),
            ),
            outcome,
            expected.clone(),
        );
        let landed = device
            .core
            .complete_wechat_login()
            .await
            .map_err(|e| e.to_string())?;
        c.eq(
            (
                format!("{}:不登录,回到登录页", name.zh),
                format!("{}: no login, back to the login screen", name.en),
            ),
            (landed, device.core.flow_state()),
            (
                LoginResult::NotAuthorized { outcome: expected },
                FlowState::Idle,
            ),
        );
    }
    // Login fails on the server's side.
    let forged = device
        .core
        .login_with_code("not-a-code-wechat-issued".into())
        .await;
    c.fails_with(
        (
            "微信拒绝的 code:需重新授权(40020)",
            "a code WeChat refuses: authorize again (40020)",
        ),
        &forged,
        WxLoginError::reauthorize_wechat(),
    );
    device.authorize(&ids.user("rae")).await?;
    // WeChat turns busy only now, with the exchange the next call: a fault injected
    // earlier and left behind by a step that failed would fail the next run's first
    // login on a shared simulator. Busy for longer than the server retries a busy WeChat
    // within its deadline.
    env.control
        .inject_fault(FaultTarget::AccessToken, Fault::errcode(-1), 10)
        .await
        .map_err(|e| e.to_string())?;
    let busy = device.core.complete_wechat_login().await;
    env.control
        .clear_faults()
        .await
        .map_err(|e| e.to_string())?;
    c.fails_like(
        (
            "微信繁忙:服务暂不可用(50201)",
            "WeChat busy: service unavailable (50201)",
        ),
        &busy,
        ("服务暂不可用", "service unavailable"),
        |e| matches!(e, WxLoginError::ServiceUnavailable { .. }),
    );
    // Binding WeChat fails.
    let orphan = device.core.bind_wechat("some-code".into()).await;
    c.fails_with(
        (
            "没有会话时绑定微信:未登录",
            "bind WeChat without a session: not signed in",
        ),
        &orphan,
        WxLoginError::not_signed_in(),
    );
    device.phone_login(&ids.mobile(1)).await?;
    let rejected = device
        .core
        .bind_wechat("not-a-code-wechat-issued".into())
        .await;
    c.fails_with(
        (
            "用被拒的 code 绑定微信:需重新授权",
            "bind WeChat with a refused code: authorize again",
        ),
        &rejected,
        WxLoginError::reauthorize_wechat(),
    );
    // Read back from another phone: the account, not this app's session, is the point.
    let account = Device::new(env, Platform::Ios)
        .await?
        .phone_login(&ids.mobile(1))
        .await?;
    c.eq(
        (
            "绑定失败后账号未变(仍未绑定微信)",
            "after the failed binding the account is unchanged (no WeChat)",
        ),
        account.is_bind_wechat,
        false,
    );
    // Binding a phone fails.
    let stale = device
        .core
        .bind_phone(
            "expired-ticket".into(),
            ids.mobile(2).into(),
            "123456".into(),
        )
        .await;
    c.fails_with(
        (
            "用未知票据绑定手机号:需重新微信登录(40030)",
            "bind phone with an unknown ticket: log in with WeChat again (40030)",
        ),
        &stale,
        WxLoginError::bind_ticket_expired(),
    );
    let other = Device::new(env, Platform::Android).await?;
    let login = other
        .wechat_login(&ids.user("sid"))
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone { bind_ticket, .. } = login else {
        return Err(not_the_bind_page(&login));
    };
    let real = other.captcha(&ids.mobile(3), CaptchaPurpose::Bind).await?;
    let wrong = if real == "000000" { "111111" } else { "000000" };
    let typo = other
        .core
        .bind_phone(
            bind_ticket.clone().into(),
            ids.mobile(3).into(),
            wrong.into(),
        )
        .await;
    c.fails_with(
        (
            "验证码错误时绑定手机号:验证码错误(40010)",
            "bind phone with a wrong captcha: captcha wrong (40010)",
        ),
        &typo,
        WxLoginError::captcha_invalid(),
    );
    let bad_number = other
        .core
        .request_captcha("12345".into(), CaptchaPurpose::Bind)
        .await;
    c.fails_like(
        (
            "格式错误的手机号要验证码:输入无效",
            "a captcha for a malformed number: invalid input",
        ),
        &bad_number,
        ("输入无效", "invalid input"),
        |e| matches!(e, WxLoginError::InvalidInput { .. }),
    );
    let fixed = other
        .core
        .bind_phone(
            bind_ticket.clone().into(),
            ids.mobile(3).into(),
            real.into(),
        )
        .await;
    c.is(
        (
            "失败之后,正确的验证码仍可绑定(票据未被用掉)",
            "after the failures, the right captcha binds (the ticket was kept)",
        ),
        &fixed,
        ("成功", "success"),
        fixed.is_ok(),
    );
    // A used ticket still opens (a retry after a lost answer must succeed), but only for
    // the phone it bound: the binding rules refuse any other.
    let captcha = other.captcha(&ids.mobile(2), CaptchaPurpose::Bind).await?;
    let reused = other
        .core
        .bind_phone(bind_ticket.into(), ids.mobile(2).into(), captcha.into())
        .await;
    c.fails_with(
        (
            "用过的票据不能再绑定另一个手机号(40903)",
            "a used ticket cannot bind a second phone (40903)",
        ),
        &reused,
        WxLoginError::BindingRefused {
            conflict: BindingConflict::WechatHasOtherAccount,
        },
    );
    Ok(())
}
