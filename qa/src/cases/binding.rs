//! Cases 1–11: the binding rules, through the app's calls.

use wxlogin_core::{
    BindingConflict, CaptchaPurpose, FlowState, LoginResult, Platform, WxLoginError,
};
use wxlogin_sim::control::UserUpdate;

use super::{not_the_bind_page, Ids};
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;
use crate::text::Text;

type Step = Result<(), String>;

/// What the account's avatar address gives: "HTTP 200 image/png" when the app's server
/// stores the image and serves it (not WeChat's address, which dies when the user
/// changes avatar).
async fn served_image(device: &Device<'_>, url: &str) -> Result<Text, String> {
    if !url.starts_with(&device.proxy.url()) {
        return Ok(Text::new(
            "不是应用服务器的地址",
            "an address outside the app's server",
        ));
    }
    let image = device
        .env
        .http
        .get(url)
        .send()
        .await
        .map_err(|e| format!("avatar: {e}"))?;
    let content_type = image
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    Ok(Text::same(format!(
        "HTTP {} {content_type}",
        image.status().as_u16()
    )))
}

fn refused(conflict: BindingConflict) -> WxLoginError {
    WxLoginError::BindingRefused { conflict }
}

/// 手机号登录,授权、绑定微信成功,用户微信信息检测
pub async fn case_01(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    let nickname = "新仁类测试微信号???@¥";
    let user = ids.user("alice");
    env.control
        .set_user(
            &user,
            &UserUpdate {
                nickname: Some(nickname.into()),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    let signed_in = device.phone_login(&ids.mobile(1)).await?;
    c.eq(
        (
            "手机号登录成功,尚未绑定微信",
            "phone login signs in without WeChat",
        ),
        signed_in.is_bind_wechat,
        false,
    );
    let code = device.wechat_code(&user).await?;
    let account = device
        .core
        .bind_wechat(code.into())
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        ("账号已绑定微信", "the account has WeChat bound"),
        account.is_bind_wechat,
        true,
    );
    c.eq(
        (
            "wechat_name 是微信昵称",
            "wechat_name is the WeChat nickname",
        ),
        account.wechat_name.as_deref(),
        Some(nickname),
    );
    c.is(
        ("有 wechat_open_id", "wechat_open_id is set"),
        &account.wechat_open_id.is_some(),
        ("有", "set"),
        account.wechat_open_id.is_some(),
    );
    c.is(
        ("有 unionid", "the unionid is set"),
        &account.wechat_union_id.is_some(),
        ("有", "set"),
        account.wechat_union_id.is_some(),
    );
    c.eq(
        ("is_bind_avatar 为真", "is_bind_avatar is true"),
        account.is_bind_avatar,
        true,
    );
    let avatar = match &account.wechat_avatar_url {
        Some(url) => served_image(&device, url).await?,
        None => Text::new("无头像", "no avatar"),
    };
    c.is(
        (
            "服务器保存的头像以图片形式提供",
            "the avatar stored by the server is served as an image",
        ),
        &avatar,
        ("HTTP 200 image/…", "HTTP 200 image/…"),
        avatar.en.starts_with("HTTP 200 image/"),
    );
    c.eq(
        (
            "服务器上的账号(GET /v1/me)与绑定结果一致",
            "the server's account (GET /v1/me) is the one the binding returned",
        ),
        device.core.fetch_account().await,
        Ok(account.clone()),
    );
    c.eq(
        (
            "本地保存的会话是同一账号",
            "the saved session shows the same account",
        ),
        device.core.current_account().map_err(|e| e.to_string())?,
        Some(account),
    );
    Ok(())
}

/// 手机登录,已绑定微信,再次绑定此微信检测
pub async fn case_02(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    device.phone_login(&ids.mobile(1)).await?;
    let user = ids.user("bob");
    let first = device
        .core
        .bind_wechat(device.wechat_code(&user).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    let again = device
        .core
        .bind_wechat(device.wechat_code(&user).await?.into())
        .await;
    c.eq(
        (
            "再次绑定同一微信:成功且无变化",
            "binding the same WeChat again is a harmless no-op",
        ),
        again,
        Ok(first),
    );
    Ok(())
}

/// 手机登录,已绑定微信,再次绑定其它微信(未绑定手机号的)检测
pub async fn case_03(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    device.phone_login(&ids.mobile(1)).await?;
    device
        .core
        .bind_wechat(device.wechat_code(&ids.user("carol")).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    let other = device
        .core
        .bind_wechat(device.wechat_code(&ids.user("dan")).await?.into())
        .await;
    c.fails_with(
        ("绑定第二个微信被拒", "a second WeChat is refused"),
        &other,
        refused(BindingConflict::AccountHasOtherWechat),
    );
    let account = device.account().await?;
    c.eq(
        ("账号仍是第一个微信", "the first WeChat stays"),
        account.wechat_name.as_deref(),
        Some(ids.user("carol").as_str()),
    );
    Ok(())
}

/// B用户手机号登录,微信A已被A用户手机号绑定,B用户绑定微信A检测
pub async fn case_04(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let a = Device::new(env, Platform::Android).await?;
    a.phone_login(&ids.mobile(1)).await?;
    let wechat_a = ids.user("wechat-a");
    a.core
        .bind_wechat(a.wechat_code(&wechat_a).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    let b = Device::new(env, Platform::Ios).await?;
    b.phone_login(&ids.mobile(2)).await?;
    let taken = b
        .core
        .bind_wechat(b.wechat_code(&wechat_a).await?.into())
        .await;
    c.fails_with(
        ("B 不能绑定 A 的微信", "B cannot bind A's WeChat"),
        &taken,
        refused(BindingConflict::WechatHasOtherAccount),
    );
    let account_b = b.account().await?;
    c.eq(
        ("B 仍未绑定微信", "B stays without WeChat"),
        account_b.is_bind_wechat,
        false,
    );
    let account_a = a.account().await?;
    c.eq(
        ("A 仍绑定微信 A", "A keeps WeChat A"),
        account_a.wechat_name,
        Some(wechat_a),
    );
    Ok(())
}

/// 微信登录,授权、强制绑定手机号成功,用户微信信息检测
pub async fn case_05(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let mut device = Device::new(env, Platform::Android).await?;
    let user = ids.user("erin");
    let login = device
        .wechat_login(&user)
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone {
        bind_ticket,
        wechat,
        ..
    } = login
    else {
        return Err(not_the_bind_page(&login));
    };
    c.eq(
        (
            "绑定手机号页面显示微信昵称",
            "the bind page shows the WeChat nickname",
        ),
        wechat.nickname.as_str(),
        user.as_str(),
    );
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let account = device
        .core
        .bind_phone(bind_ticket.into(), ids.mobile(1).into(), captcha.into())
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        ("以该手机号登录", "signed in with the phone"),
        account.mobile.as_deref(),
        Some(ids.mobile(1).as_str()),
    );
    c.eq(
        ("账号带有该微信", "with the WeChat"),
        account.wechat_name.as_deref(),
        Some(user.as_str()),
    );
    c.is(
        ("有 openid 和 unionid", "with its openid and unionid"),
        &(account.wechat_open_id.is_some() && account.wechat_union_id.is_some()),
        ("有", "set"),
        account.wechat_open_id.is_some() && account.wechat_union_id.is_some(),
    );
    c.eq(
        ("头像已保存", "and its avatar stored"),
        account.is_bind_avatar,
        true,
    );
    c.eq(
        (
            "服务器上的账号(GET /v1/me)同时有手机号和微信",
            "the server's account (GET /v1/me) holds both the phone and the WeChat",
        ),
        device.core.fetch_account().await,
        Ok(account.clone()),
    );
    device.restart()?;
    c.eq(
        ("重启应用后会话仍在", "the session survives an app restart"),
        device
            .core
            .current_account()
            .map_err(|e| e.to_string())?
            .map(|a| a.id),
        Some(account.id),
    );
    let flow = device.core.flow_state();
    c.is(
        (
            "重启后的应用直接处于已登录",
            "and the restarted app starts signed in",
        ),
        &flow,
        ("已登录", "signed in"),
        matches!(flow, FlowState::SignedIn { .. }),
    );
    Ok(())
}

/// 微信登录,已绑定手机号,再次绑定此手机号检测
pub async fn case_06(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    let account = device
        .register_by_wechat(&ids.user("fay"), &ids.mobile(1))
        .await?;
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let again = device
        .core
        .bind_phone_to_account(ids.mobile(1).into(), captcha.into())
        .await;
    c.eq(
        (
            "再次绑定同一手机号:成功且无变化",
            "binding the same phone again is a harmless no-op",
        ),
        again,
        Ok(account),
    );
    Ok(())
}

/// 微信登录,已绑定手机号,再次绑定其他手机号(未绑定微信的)检测
pub async fn case_07(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let device = Device::new(env, Platform::Android).await?;
    device
        .register_by_wechat(&ids.user("gus"), &ids.mobile(1))
        .await?;
    let captcha = device.captcha(&ids.mobile(2), CaptchaPurpose::Bind).await?;
    let other = device
        .core
        .bind_phone_to_account(ids.mobile(2).into(), captcha.into())
        .await;
    c.fails_with(
        ("绑定第二个手机号被拒", "a second phone is refused"),
        &other,
        refused(BindingConflict::AccountHasOtherPhone),
    );
    let account = device.account().await?;
    c.eq(
        ("账号仍是第一个手机号", "the account keeps the first phone"),
        account.mobile,
        Some(ids.mobile(1)),
    );
    Ok(())
}

/// B用户微信登录,微信A已被A用户手机号绑定,B用户绑定A手机号检测
pub async fn case_08(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let a = Device::new(env, Platform::Android).await?;
    a.register_by_wechat(&ids.user("wechat-a"), &ids.mobile(1))
        .await?;
    let b = Device::new(env, Platform::Android).await?;
    let login = b
        .wechat_login(&ids.user("wechat-b"))
        .await
        .map_err(|e| e.to_string())?;
    let LoginResult::NeedsPhone { bind_ticket, .. } = login else {
        return Err(not_the_bind_page(&login));
    };
    let captcha = b.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let taken = b
        .core
        .bind_phone(
            bind_ticket.clone().into(),
            ids.mobile(1).into(),
            captcha.into(),
        )
        .await;
    c.fails_with(
        (
            "B 的微信不能绑定 A 的手机号",
            "B's WeChat cannot take A's phone",
        ),
        &taken,
        refused(BindingConflict::PhoneHasOtherWechat),
    );
    let captcha = b.captcha(&ids.mobile(2), CaptchaPurpose::Bind).await?;
    let own = b
        .core
        .bind_phone(bind_ticket.into(), ids.mobile(2).into(), captcha.into())
        .await;
    c.is(
        (
            "B 仍可绑定自己的手机号",
            "B can still bind a phone of its own",
        ),
        &own,
        ("成功", "success"),
        own.is_ok(),
    );
    let again = Device::new(env, Platform::Android).await?;
    let login = again
        .wechat_login(&ids.user("wechat-a"))
        .await
        .map_err(|e| e.to_string())?;
    let reached = match &login {
        LoginResult::SignedIn { account } => account.mobile.clone(),
        _ => None,
    };
    c.eq(
        (
            "微信 A 登录仍进入账号 A",
            "a WeChat login with A still reaches account A",
        ),
        reached,
        Some(ids.mobile(1)),
    );
    Ok(())
}

/// The device timeout of case 9, whose calls include password checks.
const PASSWORD_TIMEOUT_MS: i64 = 60_000;

/// 账号登录,绑定微信检测
pub async fn case_09(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let account_name = ids.user("account");
    env.create_password_account(&account_name, "Passw0rd!")
        .await?;
    // Each password login is an Argon2 hash on the server, seconds apiece in a debug
    // build on a busy machine: a longer timeout than the other cases' 10 s, so that a
    // slow build is not reported as the app's network error.
    let device = Device::with_timeout(env, Platform::Ios, PASSWORD_TIMEOUT_MS).await?;
    let wrong = device
        .core
        .login_with_password(account_name.clone().into(), "wrong".into())
        .await;
    c.fails_with(
        ("密码错误被拒", "a wrong password is refused"),
        &wrong,
        WxLoginError::wrong_credentials(),
    );
    let unknown = device
        .core
        .login_with_password(ids.user("nobody").into(), "Passw0rd!".into())
        .await;
    c.fails_with(
        (
            "不存在的账号得到同样的回答",
            "an unknown account gets the same answer",
        ),
        &unknown,
        WxLoginError::wrong_credentials(),
    );
    device
        .core
        .login_with_password(account_name.clone().into(), "Passw0rd!".into())
        .await
        .map_err(|e| e.to_string())?;
    let account = device
        .core
        .bind_wechat(device.wechat_code(&ids.user("hal")).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        ("密码账号绑定了微信", "the password account gets the WeChat"),
        account.account.as_deref(),
        Some(account_name.as_str()),
    );
    c.eq(
        (
            "wechat_name 是微信昵称",
            "wechat_name is the WeChat nickname",
        ),
        account.wechat_name.as_deref(),
        Some(ids.user("hal").as_str()),
    );
    let later = Device::new(env, Platform::Android).await?;
    let login = later
        .wechat_login(&ids.user("hal"))
        .await
        .map_err(|e| e.to_string())?;
    let reached = match &login {
        LoginResult::SignedIn { account } => Some(account.id),
        _ => None,
    };
    c.eq(
        (
            "之后微信登录直接进入该账号",
            "a later WeChat login reaches that account",
        ),
        reached,
        Some(account.id),
    );
    Ok(())
}

/// 微信登录绑定手机号成功、手机号登录绑定微信成功,数据库更新wechat_name、wechat_avatar、wechat_open_id、is_bind_avatar
pub async fn case_10(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let via_wechat = Device::new(env, Platform::Android).await?;
    via_wechat
        .register_by_wechat(&ids.user("ivy"), &ids.mobile(1))
        .await?;
    let via_phone = Device::new(env, Platform::Android).await?;
    via_phone.phone_login(&ids.mobile(2)).await?;
    via_phone
        .core
        .bind_wechat(via_phone.wechat_code(&ids.user("jay")).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    for (path, device, name) in [
        (
            Text::new("微信登录+绑定手机号", "WeChat login + bind phone"),
            &via_wechat,
            "ivy",
        ),
        (
            Text::new("手机号登录+绑定微信", "phone login + bind WeChat"),
            &via_phone,
            "jay",
        ),
    ] {
        // What the server stored, read back (GET /v1/me), not the binding's answer.
        let account = device.account().await?;
        let label = |field: &str| path.map(|p| format!("{p}: {field}"));
        c.eq(
            label("wechat_name"),
            account.wechat_name,
            Some(ids.user(name)),
        );
        for (field, set) in [
            ("wechat_open_id", account.wechat_open_id.is_some()),
            ("unionid", account.wechat_union_id.is_some()),
        ] {
            c.is(label(field), &set, ("有", "set"), set);
        }
        c.eq(label("is_bind_avatar"), account.is_bind_avatar, true);
        let avatar = match &account.wechat_avatar_url {
            Some(url) => served_image(device, url).await?,
            None => Text::new("无头像", "no avatar"),
        };
        c.is(
            label("wechat_avatar"),
            &avatar,
            (
                "服务器保存并提供的图片",
                "an image stored and served by the server",
            ),
            avatar.en.starts_with("HTTP 200 image/"),
        );
    }
    Ok(())
}

/// 微信登录绑定手机号成功、手机号登录绑定微信成功,微信登录、手机号登录检测
pub async fn case_11(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let first = Device::new(env, Platform::Android).await?;
    let bound = first
        .register_by_wechat(&ids.user("kim"), &ids.mobile(1))
        .await?;
    let phone = Device::new(env, Platform::Android).await?;
    c.eq(
        (
            "手机号登录进入微信注册的账号",
            "phone login reaches the WeChat-created account",
        ),
        phone.phone_login(&ids.mobile(1)).await?.id,
        bound.id,
    );
    let again = Device::new(env, Platform::Ios).await?;
    let login = again
        .wechat_login(&ids.user("kim"))
        .await
        .map_err(|e| e.to_string())?;
    let id = match login {
        LoginResult::SignedIn { account } => Some(account.id),
        _ => None,
    };
    c.eq(
        (
            "微信登录进入同一账号",
            "WeChat login reaches the same account",
        ),
        id,
        Some(bound.id),
    );

    let by_phone = Device::new(env, Platform::Android).await?;
    let account = by_phone.phone_login(&ids.mobile(2)).await?;
    by_phone
        .core
        .bind_wechat(by_phone.wechat_code(&ids.user("lee")).await?.into())
        .await
        .map_err(|e| e.to_string())?;
    let later = Device::new(env, Platform::Android).await?;
    let login = later
        .wechat_login(&ids.user("lee"))
        .await
        .map_err(|e| e.to_string())?;
    let id = match login {
        LoginResult::SignedIn { account } => Some(account.id),
        _ => None,
    };
    c.eq(
        (
            "微信登录进入手机号注册的账号",
            "WeChat login reaches the phone-created account",
        ),
        id,
        Some(account.id),
    );
    Ok(())
}
