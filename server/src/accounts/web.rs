//! The web channels' accounts: a website app's or an official account's person is the
//! account with the same unionid, or the account that app's openid was recorded for.
//!
//! The seed's binding rules hold across channels, with the unionid as the WeChat
//! identity: a phone whose account has another unionid is refused (case 8), as is a
//! phone whose account already has another openid of the same app; the UNIQUE
//! constraints on `users.wechat_union_id` and on `web_openids` (one openid per account
//! and app, one account per openid) make two racing requests unable to both win. An
//! official account without unionid cannot tell whether the phone's account is the
//! same person: the captcha says the phone is theirs, so its account is joined.

use sqlx::{Any, Executor};
use wxlogin_contract::ApiCode;

use super::binding::{finish, in_transaction, insert_user, Tx};
use super::users::{find_by_mobile, find_by_union_id, find_by_web_openid};
use super::{BindError, UserRow, WechatIdentity};
use crate::db::{now, Db};

/// The account of a web identity: by the app's recorded openid, else by unionid (a
/// person known through another app of the same open-platform account). An account
/// found by unionid gets this app's openid recorded beside it.
pub async fn find_web_account(
    db: &Db,
    app_id: &str,
    identity: &WechatIdentity,
) -> Result<Option<UserRow>, sqlx::Error> {
    if let Some(user) = find_by_web_openid(&db.pool, app_id, &identity.open_id).await? {
        return Ok(Some(user));
    }
    let Some(union_id) = identity.union_id.as_deref() else {
        return Ok(None);
    };
    let Some(user) = find_by_union_id(&db.pool, union_id).await? else {
        return Ok(None);
    };
    record_openid(&db.pool, user.id, app_id, &identity.open_id).await?;
    Ok(Some(user))
}

/// Phone binding of a new web identity: the phone's account gets it, or a new account
/// is made with both, in one transaction.
pub async fn bind_web_phone(
    db: &Db,
    app_id: &str,
    identity: &WechatIdentity,
    mobile: &str,
) -> Result<UserRow, BindError> {
    in_transaction(db, |mut tx| async move {
        let result = bind_in(&mut tx, app_id, identity, mobile).await;
        finish(tx, result).await
    })
    .await
}

async fn bind_in(
    tx: &mut Tx,
    app_id: &str,
    identity: &WechatIdentity,
    mobile: &str,
) -> Result<i64, BindError> {
    if let Some(owner) = owner_in(tx, app_id, identity).await? {
        return if owner.mobile.as_deref() == Some(mobile) {
            record_openid(&mut **tx, owner.id, app_id, &identity.open_id).await?;
            Ok(owner.id)
        } else {
            Err(BindError::Conflict(ApiCode::WechatBoundToOtherAccount))
        };
    }
    let id = match find_by_mobile(&mut **tx, mobile).await? {
        Some(user) => {
            join(tx, &user, identity).await?;
            user.id
        }
        None => insert_user(tx, Some(mobile), Some(identity)).await?,
    };
    if has_app(tx, id, app_id).await? {
        return Err(BindError::Conflict(ApiCode::PhoneBoundToOtherWechat));
    }
    // A UNIQUE violation here is a lost race for this openid: the retry sees the winner.
    sqlx::query(
        "INSERT INTO web_openids (app_id, open_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(app_id)
    .bind(&identity.open_id)
    .bind(id)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Who already holds this identity, inside the transaction.
async fn owner_in(
    tx: &mut Tx,
    app_id: &str,
    identity: &WechatIdentity,
) -> Result<Option<UserRow>, sqlx::Error> {
    if let Some(user) = find_by_web_openid(&mut **tx, app_id, &identity.open_id).await? {
        return Ok(Some(user));
    }
    match identity.union_id.as_deref() {
        Some(union_id) => find_by_union_id(&mut **tx, union_id).await,
        None => Ok(None),
    }
}

/// Joins a web identity to the phone's account. With a unionid, the account must have
/// no WeChat yet or this very one; it then gets the unionid and, if it has none, the
/// profile. Without a unionid nothing on the account names a WeChat to compare with.
async fn join(tx: &mut Tx, user: &UserRow, identity: &WechatIdentity) -> Result<(), BindError> {
    let Some(union_id) = identity.union_id.as_deref() else {
        return Ok(());
    };
    if user.has_wechat() {
        return if user.wechat_union_id.as_deref() == Some(union_id) {
            Ok(())
        } else {
            Err(BindError::Conflict(ApiCode::PhoneBoundToOtherWechat))
        };
    }
    let updated = sqlx::query(
        "UPDATE users SET wechat_union_id = $1, wechat_name = COALESCE(wechat_name, $2), \
         wechat_headimgurl = COALESCE(wechat_headimgurl, $3), updated_at = $4 \
         WHERE id = $5 AND wechat_union_id IS NULL AND wechat_open_id IS NULL",
    )
    .bind(union_id)
    .bind(Some(identity.nickname.as_str()).filter(|n| !n.is_empty()))
    .bind(identity.headimgurl.as_deref())
    .bind(now())
    .bind(user.id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 1 {
        Ok(())
    } else {
        Err(BindError::Conflict(ApiCode::PhoneBoundToOtherWechat))
    }
}

async fn has_app(tx: &mut Tx, user_id: i64, app_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM web_openids WHERE user_id = $1 AND app_id = $2")
            .bind(user_id)
            .bind(app_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.is_some())
}

/// Records an app's openid for an account found by unionid. A row already there (this
/// openid, or another openid of this app on the account) is left as it is.
async fn record_openid<'e, E: Executor<'e, Database = Any>>(
    db: E,
    user_id: i64,
    app_id: &str,
    open_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO web_openids (app_id, open_id, user_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(app_id)
    .bind(open_id)
    .bind(user_id)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}
