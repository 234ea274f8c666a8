//! Cases 1–11: the binding rules, through the app's calls.

use wxlogin_core::{
    BindingConflict, CaptchaPurpose, FlowState, LoginResult, Platform, WxLoginError,
};
use wxlogin_sim::control::UserUpdate;

use super::Ids;
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;

type Step = Result<(), String>;

fn refused(conflict: BindingConflict) -> impl Fn(&WxLoginError) -> bool {
    move |e| *e == WxLoginError::BindingRefused { conflict }
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
        "phone login signs in without WeChat",
        signed_in.is_bind_wechat,
        false,
    );
    let code = device.wechat_code(&user).await?;
    let account = device
        .core
        .bind_wechat(code)
        .await
        .map_err(|e| e.to_string())?;
    c.eq("the account has WeChat bound", account.is_bind_wechat, true);
    c.eq(
        "wechat_name is the WeChat nickname",
        account.wechat_name.as_deref(),
        Some(nickname),
    );
    c.that(
        "wechat_open_id is set",
        account.wechat_open_id.is_some(),
        format!("{:?}", account.wechat_open_id),
    );
    c.eq("is_bind_avatar", account.is_bind_avatar, true);
    let avatar = account.wechat_avatar_url.clone().unwrap_or_default();
    let image = env
        .http
        .get(&avatar)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let content_type = image
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    c.that(
        "the stored avatar is served as an image",
        image.status().is_success() && content_type.starts_with("image/"),
        format!("{} {content_type}", image.status()),
    );
    c.eq(
        "the saved session shows the same account",
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
        .bind_wechat(device.wechat_code(&user).await?)
        .await
        .map_err(|e| e.to_string())?;
    let again = device
        .core
        .bind_wechat(device.wechat_code(&user).await?)
        .await;
    c.eq(
        "binding the same WeChat again is a harmless no-op",
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
        .bind_wechat(device.wechat_code(&ids.user("carol")).await?)
        .await
        .map_err(|e| e.to_string())?;
    let other = device
        .core
        .bind_wechat(device.wechat_code(&ids.user("dan")).await?)
        .await;
    c.fails(
        "a second WeChat is refused",
        &other,
        refused(BindingConflict::AccountHasOtherWechat),
    );
    let account = device
        .core
        .fetch_account()
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        "the first WeChat stays",
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
        .bind_wechat(a.wechat_code(&wechat_a).await?)
        .await
        .map_err(|e| e.to_string())?;
    let b = Device::new(env, Platform::Ios).await?;
    b.phone_login(&ids.mobile(2)).await?;
    let taken = b.core.bind_wechat(b.wechat_code(&wechat_a).await?).await;
    c.fails(
        "B cannot bind A's WeChat",
        &taken,
        refused(BindingConflict::WechatHasOtherAccount),
    );
    let account_b = b.core.fetch_account().await.map_err(|e| e.to_string())?;
    c.eq("B stays without WeChat", account_b.is_bind_wechat, false);
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
        return Err(format!("expected the bind-phone page, got {login:?}"));
    };
    c.eq(
        "the bind page shows the WeChat nickname",
        wechat.nickname.as_str(),
        user.as_str(),
    );
    let captcha = device.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let account = device
        .core
        .bind_phone(bind_ticket, ids.mobile(1), captcha)
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        "signed in with the phone",
        account.mobile.as_deref(),
        Some(ids.mobile(1).as_str()),
    );
    c.eq(
        "with the WeChat",
        account.wechat_name.as_deref(),
        Some(user.as_str()),
    );
    c.eq("and its avatar stored", account.is_bind_avatar, true);
    device.restart()?;
    c.eq(
        "the session survives an app restart",
        device
            .core
            .current_account()
            .map_err(|e| e.to_string())?
            .map(|a| a.id),
        Some(account.id),
    );
    c.that(
        "and the restarted app starts signed in",
        matches!(device.core.flow_state(), FlowState::SignedIn { .. }),
        format!("{:?}", device.core.flow_state()),
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
        .bind_phone_to_account(ids.mobile(1), captcha)
        .await;
    c.eq(
        "binding the same phone again is a no-op",
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
        .bind_phone_to_account(ids.mobile(2), captcha)
        .await;
    c.fails(
        "a second phone is refused",
        &other,
        refused(BindingConflict::AccountHasOtherPhone),
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
        return Err(format!("expected the bind-phone page, got {login:?}"));
    };
    let captcha = b.captcha(&ids.mobile(1), CaptchaPurpose::Bind).await?;
    let taken = b
        .core
        .bind_phone(bind_ticket.clone(), ids.mobile(1), captcha)
        .await;
    c.fails(
        "B's WeChat cannot take A's phone",
        &taken,
        refused(BindingConflict::PhoneHasOtherWechat),
    );
    let captcha = b.captcha(&ids.mobile(2), CaptchaPurpose::Bind).await?;
    let own = b.core.bind_phone(bind_ticket, ids.mobile(2), captcha).await;
    c.that(
        "B can still bind a phone of its own",
        own.is_ok(),
        format!("{own:?}"),
    );
    Ok(())
}

/// 账号登录,绑定微信检测
pub async fn case_09(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let account_name = ids.user("account");
    env.create_password_account(&account_name, "Passw0rd!")
        .await?;
    let device = Device::new(env, Platform::Ios).await?;
    let wrong = device
        .core
        .login_with_password(account_name.clone(), "wrong".into())
        .await;
    c.fails("a wrong password is refused", &wrong, |e| {
        *e == WxLoginError::WrongCredentials
    });
    device
        .core
        .login_with_password(account_name.clone(), "Passw0rd!".into())
        .await
        .map_err(|e| e.to_string())?;
    let account = device
        .core
        .bind_wechat(device.wechat_code(&ids.user("hal")).await?)
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        "the password account gets the WeChat",
        account.account.as_deref(),
        Some(account_name.as_str()),
    );
    c.eq(
        "wechat_name",
        account.wechat_name.as_deref(),
        Some(ids.user("hal").as_str()),
    );
    Ok(())
}

/// 微信登录绑定手机号成功、手机号登录绑定微信成功,数据库更新wechat_name、wechat_avatar、wechat_open_id、is_bind_avatar
pub async fn case_10(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step {
    let via_wechat = Device::new(env, Platform::Android).await?;
    let first = via_wechat
        .register_by_wechat(&ids.user("ivy"), &ids.mobile(1))
        .await?;
    let via_phone = Device::new(env, Platform::Android).await?;
    via_phone.phone_login(&ids.mobile(2)).await?;
    let second = via_phone
        .core
        .bind_wechat(via_phone.wechat_code(&ids.user("jay")).await?)
        .await
        .map_err(|e| e.to_string())?;
    for (path, account, name) in [
        ("WeChat login + bind phone", first, "ivy"),
        ("phone login + bind WeChat", second, "jay"),
    ] {
        c.eq(
            &format!("{path}: wechat_name"),
            account.wechat_name,
            Some(ids.user(name)),
        );
        c.that(
            &format!("{path}: wechat_open_id"),
            account.wechat_open_id.is_some(),
            "",
        );
        c.that(
            &format!("{path}: wechat_avatar"),
            account.wechat_avatar_url.is_some(),
            format!("{:?}", account.wechat_avatar_url),
        );
        c.eq(
            &format!("{path}: is_bind_avatar"),
            account.is_bind_avatar,
            true,
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
        "phone login reaches the WeChat-created account",
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
    c.eq("WeChat login reaches the same account", id, Some(bound.id));

    let by_phone = Device::new(env, Platform::Android).await?;
    let account = by_phone.phone_login(&ids.mobile(2)).await?;
    by_phone
        .core
        .bind_wechat(by_phone.wechat_code(&ids.user("lee")).await?)
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
        "WeChat login reaches the phone-created account",
        id,
        Some(account.id),
    );
    Ok(())
}
