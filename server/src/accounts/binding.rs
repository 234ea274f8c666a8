//! The binding rules, one transaction each.
//!
//! A transaction that loses a race fails on a UNIQUE constraint; it is then run once
//! more from the start, and this time sees the winner's committed row and answers with
//! the precise conflict (or succeeds, when the winner made the very same binding).

use std::future::Future;

use sqlx::{Any, Transaction};
use wxlogin_contract::ApiCode;

use super::grants::save_grant;
use super::users::{find_by_mobile, find_by_wechat, load_user, remember_mobile_openid};
use super::{UserRow, WechatIdentity};
use crate::db::{is_unique_violation, now, Db};

#[derive(Debug, thiserror::Error)]
pub enum BindError {
    /// A binding rule says no; the code says which.
    #[error("binding refused: {0:?}")]
    Conflict(ApiCode),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub(super) type Tx = Transaction<'static, Any>;

/// Runs `body` in a transaction, again after a lost race (see the module doc).
pub(super) async fn in_transaction<T, F, Fut>(db: &Db, mut body: F) -> Result<T, BindError>
where
    F: FnMut(Tx) -> Fut,
    Fut: Future<Output = (Tx, Result<T, BindError>)>,
{
    const ATTEMPTS: u32 = 3;
    let mut attempt = 1;
    loop {
        let tx = db.pool.begin().await?;
        let (tx, result) = body(tx).await;
        match result {
            Ok(value) => match tx.commit().await {
                Ok(()) => return Ok(value),
                Err(err) if is_unique_violation(&err) && attempt < ATTEMPTS => {}
                Err(err) => return Err(err.into()),
            },
            Err(BindError::Db(err)) if is_unique_violation(&err) && attempt < ATTEMPTS => {
                tx.rollback().await?;
            }
            Err(err) => {
                tx.rollback().await?;
                return Err(err);
            }
        }
        attempt += 1;
    }
}

/// Forced phone binding after a WeChat login of an unknown identity (seed cases 5, 8,
/// 12): the phone's account gets the WeChat, or a new account is made with both. A
/// phone whose account already has another WeChat is refused (case 8).
pub async fn bind_ticket_phone(
    db: &Db,
    identity: &WechatIdentity,
    mobile: &str,
) -> Result<UserRow, BindError> {
    in_transaction(db, |mut tx| async move {
        let result = async {
            if let Some(owner) = find_by_wechat(&mut *tx, identity).await? {
                return if owner.mobile.as_deref() == Some(mobile) {
                    Ok(owner.id)
                } else {
                    Err(BindError::Conflict(ApiCode::WechatBoundToOtherAccount))
                };
            }
            match find_by_mobile(&mut *tx, mobile).await? {
                Some(user) if user.has_wechat() => {
                    Err(BindError::Conflict(ApiCode::PhoneBoundToOtherWechat))
                }
                Some(user) => set_wechat(&mut tx, user.id, identity)
                    .await
                    .map(|()| user.id),
                None => insert_user(&mut tx, Some(mobile), Some(identity)).await,
            }
        }
        .await;
        let result = with_grant(&mut tx, result, identity).await;
        finish(tx, result).await
    })
    .await
}

/// A signed-in user binds a WeChat (seed cases 1–4, 9): the same WeChat again is a
/// no-op; another WeChat while one is bound, or a WeChat of another account, is refused.
pub async fn bind_wechat_to_user(
    db: &Db,
    user_id: i64,
    identity: &WechatIdentity,
) -> Result<UserRow, BindError> {
    in_transaction(db, |mut tx| async move {
        let result = async {
            let user = load_user(&mut *tx, user_id)
                .await?
                .ok_or(BindError::Conflict(ApiCode::Unauthorized))?;
            if user.has_wechat() {
                return if identity.is(
                    user.wechat_union_id.as_deref(),
                    user.wechat_open_id.as_deref(),
                ) {
                    // Bound through a web channel so far: the mobile openid joins it.
                    if user.wechat_open_id.is_none() {
                        remember_mobile_openid(&mut *tx, user.id, &identity.open_id).await?;
                    }
                    Ok(user.id)
                } else {
                    Err(BindError::Conflict(ApiCode::WechatAlreadyBound))
                };
            }
            if find_by_wechat(&mut *tx, identity).await?.is_some() {
                return Err(BindError::Conflict(ApiCode::WechatBoundToOtherAccount));
            }
            set_wechat(&mut tx, user.id, identity)
                .await
                .map(|()| user.id)
        }
        .await;
        let result = with_grant(&mut tx, result, identity).await;
        finish(tx, result).await
    })
    .await
}

/// A signed-in user binds a phone (seed cases 6, 7): the same phone again is a no-op;
/// another phone while one is bound, or a phone of another account, is refused.
pub async fn bind_phone_to_user(db: &Db, user_id: i64, mobile: &str) -> Result<UserRow, BindError> {
    in_transaction(db, |mut tx| async move {
        let result = async {
            let user = load_user(&mut *tx, user_id)
                .await?
                .ok_or(BindError::Conflict(ApiCode::Unauthorized))?;
            match user.mobile.as_deref() {
                Some(bound) if bound == mobile => return Ok(user.id),
                Some(_) => return Err(BindError::Conflict(ApiCode::PhoneAlreadyBound)),
                None => {}
            }
            if find_by_mobile(&mut *tx, mobile).await?.is_some() {
                return Err(BindError::Conflict(ApiCode::PhoneBoundToOtherAccount));
            }
            let updated = sqlx::query(
                "UPDATE users SET mobile = $1, updated_at = $2 WHERE id = $3 AND mobile IS NULL",
            )
            .bind(mobile)
            .bind(now())
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 1 {
                Ok(user.id)
            } else {
                Err(BindError::Conflict(ApiCode::PhoneAlreadyBound))
            }
        }
        .await;
        finish(tx, result).await
    })
    .await
}

/// Phone + captcha login: the phone's account, or a new one ("手机号注册登录").
pub async fn login_or_register_phone(db: &Db, mobile: &str) -> Result<UserRow, BindError> {
    in_transaction(db, |mut tx| async move {
        let result = async {
            match find_by_mobile(&mut *tx, mobile).await? {
                Some(user) => Ok(user.id),
                None => insert_user(&mut tx, Some(mobile), None).await,
            }
        }
        .await;
        finish(tx, result).await
    })
    .await
}

/// Saves the identity's grant for the account a WeChat binding ended on, in the
/// binding's transaction: both commit, or neither (a crash between two separate steps
/// left accounts bound to a WeChat without a grant, which resume then skipped).
async fn with_grant(
    tx: &mut Tx,
    result: Result<i64, BindError>,
    identity: &WechatIdentity,
) -> Result<i64, BindError> {
    let id = result?;
    save_grant(&mut **tx, id, identity).await?;
    Ok(id)
}

/// Reloads the user inside the transaction, so the caller gets the committed state.
pub(super) async fn finish(
    mut tx: Tx,
    result: Result<i64, BindError>,
) -> (Tx, Result<UserRow, BindError>) {
    let result = match result {
        Ok(id) => load_user(&mut *tx, id)
            .await
            .map_err(BindError::from)
            .and_then(|u| u.ok_or(BindError::Conflict(ApiCode::Unauthorized))),
        Err(err) => Err(err),
    };
    (tx, result)
}

/// Attaches a WeChat to an account that has none; the UNIQUE constraints refuse it if
/// another account got the same WeChat meanwhile.
async fn set_wechat(tx: &mut Tx, user_id: i64, identity: &WechatIdentity) -> Result<(), BindError> {
    let updated = sqlx::query(
        "UPDATE users SET wechat_union_id = $1, wechat_open_id = $2, wechat_name = $3, wechat_headimgurl = $4, updated_at = $5 \
         WHERE id = $6 AND wechat_open_id IS NULL AND wechat_union_id IS NULL",
    )
    .bind(identity.union_id.as_deref())
    .bind(&identity.open_id)
    .bind(&identity.nickname)
    .bind(identity.headimgurl.as_deref())
    .bind(now())
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 1 {
        Ok(())
    } else {
        Err(BindError::Conflict(ApiCode::WechatAlreadyBound))
    }
}

pub(super) async fn insert_user(
    tx: &mut Tx,
    mobile: Option<&str>,
    identity: Option<&WechatIdentity>,
) -> Result<i64, BindError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (mobile, wechat_union_id, wechat_open_id, wechat_name, wechat_headimgurl, is_bind_avatar, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
    )
    .bind(mobile)
    .bind(identity.and_then(|i| i.union_id.as_deref()))
    .bind(identity.and_then(mobile_open_id))
    .bind(identity.map(|i| i.nickname.as_str()))
    .bind(identity.and_then(|i| i.headimgurl.as_deref()))
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The openid that goes in `users.wechat_open_id`: the mobile app's. A web app's
/// openid goes in `web_openids` instead.
fn mobile_open_id(identity: &WechatIdentity) -> Option<&str> {
    identity
        .web_app
        .is_none()
        .then_some(identity.open_id.as_str())
}
