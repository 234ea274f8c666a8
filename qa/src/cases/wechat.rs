//! Cases 12 and 16: the WeChat round trip and where the app lands.

use std::sync::{Arc, Mutex};

use wxlogin_core::{AuthOutcome, AuthStart, FlowObserver, FlowState, LoginResult, Platform};

use super::Ids;
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
    c.that(
        "a new WeChat lands on the forced bind-phone page",
        ticket >= 32,
        format!("{login:?}"),
    );
    c.that(
        "the flow is at NeedsPhone",
        matches!(device.core.flow_state(), FlowState::NeedsPhone { .. }),
        format!("{:?}", device.core.flow_state()),
    );
    let seen = kinds(&recorder.0.lock().unwrap_or_else(|p| p.into_inner()));
    c.eq(
        "the UI was told each step",
        seen,
        vec!["Idle", "WaitingForWechat", "Exchanging", "NeedsPhone"],
    );
    c.eq(
        "no session before the phone is bound",
        device.core.current_account().map_err(|e| e.to_string())?,
        None,
    );
    Ok(())
}

/// 未登录微信、已登录微信,微信登录进入微信登录页面,再返回、绑定微信进入微信登录页,再返回检测
pub async fn case_16(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    // WeChat shows its own login page; the user comes back with the back button: no callback.
    let AuthStart::Request { .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    device.core.on_app_foreground();
    let back = device
        .core
        .complete_wechat_login()
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        "back from WeChat without a callback: cancelled after the grace period",
        back,
        LoginResult::NotAuthorized {
            outcome: AuthOutcome::Cancelled,
        },
    );
    c.eq(
        "the flow is back at the login screen",
        device.core.flow_state(),
        FlowState::Idle,
    );

    // The user cancels inside WeChat (errCode -2).
    let AuthStart::Request { state, .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    let cancelled = device
        .core
        .on_auth_resp(-2, None, Some(state))
        .map_err(|e| e.to_string())?;
    c.eq("cancel in WeChat", cancelled, AuthOutcome::Cancelled);

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
        "bind WeChat, back without a callback: cancelled",
        outcome,
        AuthOutcome::Cancelled,
    );
    let account = device
        .core
        .fetch_account()
        .await
        .map_err(|e| e.to_string())?;
    c.eq("the account is unchanged", account.is_bind_wechat, false);

    // The app was killed while WeChat was in front; the callback starts a new process.
    let mut device = device;
    let AuthStart::Request { state, .. } = device.tap_wechat()? else {
        return Err("no request".into());
    };
    let code = env
        .control
        .authorize(
            &env.app_id,
            &ids.user("ned"),
            wxlogin_sim::control::Scope::SnsapiUserinfo,
        )
        .await
        .map_err(|e| e.to_string())?;
    device.restart()?;
    let outcome = device
        .core
        .on_auth_resp(0, Some(code.clone()), Some(state.clone()))
        .map_err(|e| e.to_string())?;
    c.eq(
        "a callback after process death still validates",
        outcome,
        AuthOutcome::Authorized { code: code.clone() },
    );
    let duplicate = device
        .core
        .on_auth_resp(0, Some(code.clone()), Some(state))
        .map_err(|e| e.to_string())?;
    c.eq(
        "the SDK delivering it twice is ignored",
        duplicate,
        AuthOutcome::Duplicate,
    );
    let bound = device.core.bind_wechat(code).await;
    c.that(
        "and the code binds the WeChat",
        bound.as_ref().is_ok_and(|a| a.is_bind_wechat),
        format!("{bound:?}"),
    );
    Ok(())
}
