//! Cases 12 and 16: the WeChat round trip and where the app lands.

use std::sync::{Arc, Mutex};

use wxlogin_core::{AuthOutcome, AuthStart, FlowObserver, FlowState, LoginResult, Platform};

use super::{check_still_without_wechat, Ids};
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;

type Step = Result<(), String>;

/// Records the flow states the UI would have been told.
#[derive(Default)]
struct Recorder(Mutex<Vec<FlowState>>);

impl FlowObserver for Recorder {
    fn on_flow_state(&self, state: FlowState) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(state);
    }
}

fn kinds(states: &[FlowState]) -> Vec<&'static str> {
    states
        .iter()
        .map(|s| match s {
            FlowState::Idle => "Idle",
            FlowState::WaitingForWechat => "WaitingForWechat",
            FlowState::Exchanging => "Exchanging",
            FlowState::NeedsPhone { .. } => "NeedsPhone",
            FlowState::SignedIn { .. } => "SignedIn",
        })
        .collect()
}

/// 微信授权登录成功,进入强制绑定手机号页面
pub async fn case_12(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    let recorder = Arc::new(Recorder::default());
    device.core.set_flow_observer(Some(recorder.clone()));
    let login = device
        .wechat_login(&ids.user("mia"))
        .await
        .map_err(|e| e.to_string())?;
    let ticket = match &login {
        LoginResult::NeedsPhone { bind_ticket, .. } => bind_ticket.len(),
        _ => 0,
    };
    c.is(
        (
            "新微信进入强制绑定手机号页面,带绑定票据",
            "a new WeChat lands on the forced bind-phone page with a bind ticket",
        ),
        &login,
        (
            "强制绑定手机号页面(票据至少 32 个字符)",
            "the forced bind-phone page (a ticket of 32 characters or more)",
        ),
        ticket >= 32,
    );
    let flow = device.core.flow_state();
    c.is(
        ("流程停在绑定手机号", "the flow is at NeedsPhone"),
        &flow,
        ("强制绑定手机号页面", "the forced bind-phone page"),
        matches!(flow, FlowState::NeedsPhone { .. }),
    );
    let seen = kinds(&recorder.0.lock().unwrap_or_else(|p| p.into_inner()));
    c.eq(
        ("界面收到了每一步", "the UI was told each step"),
        seen,
        vec!["Idle", "WaitingForWechat", "Exchanging", "NeedsPhone"],
    );
    c.eq(
        (
            "绑定手机号之前没有会话",
            "no session before the phone is bound",
        ),
        device.core.current_account().map_err(|e| e.to_string())?,
        None,
    );
    Ok(())
}

/// 未登录微信、已登录微信,微信登录进入微信登录页面,再返回、绑定微信进入微信登录页,再返回检测
pub async fn case_16(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    // WeChat shows its own login page; the user comes back with the back button: no callback.
    let AuthStart::Request { state, .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    device.core.on_app_foreground();
    let back = device
        .core
        .complete_wechat_login()
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        (
            "从微信返回且无回调:宽限期后视为取消",
            "back from WeChat without a callback: cancelled after the grace period",
        ),
        back,
        LoginResult::NotAuthorized {
            outcome: AuthOutcome::Cancelled,
        },
    );
    c.eq(
        ("流程回到登录页", "the flow is back at the login screen"),
        device.core.flow_state(),
        FlowState::Idle,
    );
    // WeChat's answer arrives after all (the user authorized after the app gave up).
    let late_code = device.allow_in_wechat(&ids.user("lou")).await?;
    let late = device
        .core
        .on_auth_resp(0, Some(late_code.into()), Some(state.into()))
        .map_err(|e| e.to_string())?;
    c.eq(
        (
            "宽限期后才到的回调被忽略,不会登录",
            "a callback after the grace period is ignored, never a login",
        ),
        late,
        AuthOutcome::Duplicate,
    );

    // The user cancels inside WeChat (errCode -2).
    let AuthStart::Request { state, .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    let cancelled = device
        .core
        .on_auth_resp(-2, None, Some(state.into()))
        .map_err(|e| e.to_string())?;
    c.eq(
        ("在微信内取消(errCode -2)", "cancel in WeChat (errCode -2)"),
        cancelled,
        AuthOutcome::Cancelled,
    );

    // The same on the bind-WeChat page of a signed-in user.
    device.phone_login(&ids.mobile(1)).await?;
    device.tap_wechat()?;
    device.core.on_app_foreground();
    let outcome = device
        .core
        .await_outcome()
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        (
            "绑定微信时返回且无回调:视为取消",
            "bind WeChat, back without a callback: cancelled",
        ),
        outcome,
        AuthOutcome::Cancelled,
    );
    check_still_without_wechat(&device, c).await?;

    // The app was killed while WeChat was in front; the callback starts a new process.
    let mut device = device;
    let AuthStart::Request { state, .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    let code = device.allow_in_wechat(&ids.user("ned")).await?;
    device.restart()?;
    let outcome = device
        .core
        .on_auth_resp(0, Some(code.clone().into()), Some(state.clone().into()))
        .map_err(|e| e.to_string())?;
    c.eq(
        (
            "进程被杀后到达的回调仍然有效",
            "a callback after process death still validates",
        ),
        outcome,
        AuthOutcome::Authorized { code: code.clone() },
    );
    let duplicate = device
        .core
        .on_auth_resp(0, Some(code.clone().into()), Some(state.into()))
        .map_err(|e| e.to_string())?;
    c.eq(
        (
            "SDK 重复回调被忽略",
            "the SDK delivering it twice is ignored",
        ),
        duplicate,
        AuthOutcome::Duplicate,
    );
    let bound = device.core.bind_wechat(code.into()).await;
    c.is(
        ("该 code 绑定了微信", "and the code binds the WeChat"),
        &bound,
        (
            "成功,账号已绑定微信",
            "success, the account has WeChat bound",
        ),
        bound.as_ref().is_ok_and(|a| a.is_bind_wechat),
    );
    Ok(())
}
