//! Case 17: weak and no network, through the device's fault proxy.

use std::time::Duration;

use wxlogin_core::{CaptchaPurpose, LoginResult, Platform, WxLoginError};

use super::Ids;
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;
use crate::proxy::Condition;

type Step = Result<(), String>;

/// The core's per-call timeout on this device; the harness gives up much later.
const TIMEOUT_MS: i64 = 1500;
const HARNESS_LIMIT: Duration = Duration::from_secs(30);

fn network(e: &WxLoginError) -> bool {
    matches!(e, WxLoginError::Network { .. })
}

const NETWORK_ERROR: (&str, &str) = ("网络错误", "a network error");

/// 弱网、断网,微信登录、绑定手机号、绑定微信检测
pub async fn case_17(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::with_timeout(env, Platform::Android, TIMEOUT_MS).await?;
    let user = ids.user("pat");

    // A black hole: the request disappears, the core gives up at its timeout.
    device.proxy.set(Condition::BlackHole).await;
    let lost = tokio::time::timeout(HARNESS_LIMIT, device.wechat_login(&user))
        .await
        .map_err(|_| "the login hung".to_owned())?;
    c.fails_like(
        (
            "请求石沉大海时微信登录:超时后报网络错误,不会卡住",
            "WeChat login into a black hole: a network error at the timeout, not a hang",
        ),
        &lost,
        NETWORK_ERROR,
        network,
    );

    // No network at all.
    device.proxy.set(Condition::Refuse).await;
    let refused = device
        .core
        .request_captcha(ids.mobile(1).into(), CaptchaPurpose::Bind)
        .await;
    c.fails_like(
        (
            "断网时获取验证码:网络错误",
            "captcha without network: a network error",
        ),
        &refused,
        NETWORK_ERROR,
        network,
    );

    // The network is back: a new authorization (never the same code) goes through.
    device.proxy.set(Condition::Normal).await;
    let login = device.wechat_login(&user).await;
    c.is(
        (
            "网络恢复后,重新授权进入绑定手机号页面",
            "after the network returns, a new authorization reaches the bind-phone page",
        ),
        &login,
        ("强制绑定手机号页面", "the forced bind-phone page"),
        matches!(login, Ok(LoginResult::NeedsPhone { .. })),
    );
    let Ok(LoginResult::NeedsPhone { bind_ticket, .. }) = login else {
        return Err("no bind ticket to continue with".into());
    };

    // Slow network: the binding still completes.
    device.proxy.set(Condition::Latency { ms: 200 }).await;
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    // The server binds, then the connection dies before the answer arrives.
    device.proxy.set(Condition::ResetAfter { bytes: 0 }).await;
    let cut = device
        .core
        .bind_phone(
            bind_ticket.clone().into(),
            ids.mobile(1).into(),
            captcha.into(),
        )
        .await;
    c.fails_like(
        (
            "绑定手机号的回答被切断:网络错误",
            "bind phone with the answer cut off: a network error",
        ),
        &cut,
        NETWORK_ERROR,
        network,
    );
    c.eq(
        (
            "丢失的回答不会留下会话",
            "no session is saved from a lost answer",
        ),
        device.core.current_account().map_err(|e| e.to_string())?,
        None,
    );
    device.proxy.set(Condition::Normal).await;
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let retried = device
        .core
        .bind_phone(bind_ticket.into(), ids.mobile(1).into(), captcha.into())
        .await;
    c.is(
        (
            "网络恢复后重试绑定:登录成功,手机号和微信都已绑定",
            "retrying the binding after the network returns signs in, phone and WeChat bound",
        ),
        &retried,
        (
            "成功,账号已绑定微信",
            "success, the account has WeChat bound",
        ),
        retried
            .as_ref()
            .is_ok_and(|a| a.is_bind_wechat && a.mobile.as_deref() == Some(ids.mobile(1).as_str())),
    );
    let account = retried.map_err(|e| e.to_string())?;

    // Signed in, then no network: the session stays.
    device.proxy.set(Condition::Refuse).await;
    let resumed = device.core.resume_session().await;
    c.fails_like(
        (
            "断网时恢复会话:网络错误",
            "resume without network: a network error",
        ),
        &resumed,
        NETWORK_ERROR,
        network,
    );
    c.eq(
        ("用户仍保持登录", "and the user stays signed in"),
        device
            .core
            .current_account()
            .map_err(|e| e.to_string())?
            .map(|a| a.id),
        Some(account.id),
    );

    // The server resumes (and rotates the token), then the answer is cut before its
    // first byte: the app keeps the token it had, which the server still honours, so
    // the next resume signs nobody out.
    device.proxy.set(Condition::ResetAfter { bytes: 0 }).await;
    let before = device.proxy.stats();
    let cut = device.core.resume_session().await;
    let after = device.proxy.stats();
    c.fails_like(
        (
            "恢复会话的回答被切断(服务器已执行):网络错误",
            "resume with the answer cut off after the server acted: a network error",
        ),
        &cut,
        NETWORK_ERROR,
        network,
    );
    c.is(
        (
            "请求已到达服务器,回答一个字节也没有送达",
            "the request reached the server and not a byte of the answer came back",
        ),
        &(
            after.bytes_to_upstream - before.bytes_to_upstream,
            after.bytes_to_client - before.bytes_to_client,
        ),
        ("请求已发送,回答为 0 字节", "request sent, answer 0 bytes"),
        after.bytes_to_upstream > before.bytes_to_upstream
            && after.bytes_to_client == before.bytes_to_client,
    );
    device.proxy.set(Condition::Normal).await;
    let resumed = device.core.resume_session().await;
    c.is(
        (
            "回答丢失后再次恢复会话:仍是同一账号,没有被登出",
            "resuming again after the lost answer: still the same account, not signed out",
        ),
        &resumed,
        ("成功,同一账号", "success, the same account"),
        resumed.as_ref().is_ok_and(|a| a.id == account.id),
    );
    let fetched = device.core.fetch_account().await;
    c.is(
        ("新的会话令牌可以使用", "the new session token works"),
        &fetched,
        ("成功,同一账号", "success, the same account"),
        fetched.as_ref().is_ok_and(|a| a.id == account.id),
    );

    // Bind WeChat to a phone-only account, on a throttled then reset connection.
    device.proxy.set(Condition::Normal).await;
    device.phone_login(&ids.mobile(2)).await?;
    device
        .proxy
        .set(Condition::Bandwidth {
            bytes_per_sec: 4096,
        })
        .await;
    let fetched = device.core.fetch_account().await;
    c.is(
        (
            "限速的连接仍能得到回答",
            "a throttled connection still answers",
        ),
        &fetched,
        ("成功", "success"),
        fetched.is_ok(),
    );
    device.proxy.set(Condition::Reset).await;
    let code = device.wechat_code(&ids.user("quin")).await?;
    let bound = device.core.bind_wechat(code.into()).await;
    c.fails_like(
        (
            "连接被重置时绑定微信:网络错误",
            "bind WeChat on a reset connection: a network error",
        ),
        &bound,
        NETWORK_ERROR,
        network,
    );
    device.proxy.set(Condition::Normal).await;
    let unchanged = device.core.fetch_account().await;
    c.is(
        (
            "网络恢复后,账号仍未绑定微信(没有半绑定)",
            "once the network is back, the account has no WeChat (nothing half-bound)",
        ),
        &unchanged,
        ("成功,未绑定微信", "success, no WeChat bound"),
        unchanged.as_ref().is_ok_and(|a| !a.is_bind_wechat),
    );
    let fresh = device.wechat_code(&ids.user("quin")).await?;
    let bound = device.core.bind_wechat(fresh.into()).await;
    c.is(
        (
            "网络恢复后,重新授权即可绑定",
            "after the network returns, a new authorization binds",
        ),
        &bound,
        (
            "成功,账号已绑定微信",
            "success, the account has WeChat bound",
        ),
        bound.as_ref().is_ok_and(|a| a.is_bind_wechat),
    );
    Ok(())
}
