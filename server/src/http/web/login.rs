//! Starting a web login and WeChat's redirect back to it.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};

use super::apps::WebApp;
use super::states;
use super::{cookies, pages, return_to, Channel, Reply};
use crate::accounts::{self, WechatIdentity};
use crate::db::now;
use crate::http::AppState;
use crate::sessions;
use crate::wechat::{self, Deadline, Exchange, Grant, WechatError};

pub async fn start_qr(State(state): State<AppState>, RawQuery(query): RawQuery) -> Reply {
    start(&state, Channel::Website, &params(query.as_deref())).await
}

/// `scope=snsapi_userinfo` asks the person (a consent page) for the profile; the
/// default `snsapi_base` is silent and gives the openid (and unionid) only.
pub async fn start_oa(State(state): State<AppState>, RawQuery(query): RawQuery) -> Reply {
    start(&state, Channel::OfficialAccount, &params(query.as_deref())).await
}

pub async fn callback_qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Reply {
    callback(
        &state,
        Channel::Website,
        &headers,
        &params(query.as_deref()),
    )
    .await
}

pub async fn callback_oa(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Reply {
    callback(
        &state,
        Channel::OfficialAccount,
        &headers,
        &params(query.as_deref()),
    )
    .await
}

/// The query's parameters; a malformed query reads as no parameters (the routes then
/// answer with their own page, never with a bare 400).
fn params(query: Option<&str>) -> HashMap<String, String> {
    serde_urlencoded::from_str(query.unwrap_or_default()).unwrap_or_default()
}

async fn start(state: &AppState, channel: Channel, params: &HashMap<String, String>) -> Reply {
    let web = &state.web;
    let Some(app) = web.app(channel) else {
        return Reply::internal("web route without its app");
    };
    let return_to = return_to::local(params.get("return_to").map(String::as_str));
    let (path, scope) = match channel {
        Channel::Website => ("/connect/qrconnect", "snsapi_login"),
        Channel::OfficialAccount => (
            "/connect/oauth2/authorize",
            match params.get("scope").map(String::as_str) {
                Some("snsapi_userinfo") => "snsapi_userinfo",
                _ => "snsapi_base",
            },
        ),
    };
    let started = match states::start(&state.db, channel, &return_to, web.state_ttl_s).await {
        Ok(started) => started,
        Err(err) => return err.into(),
    };
    let redirect_uri = format!("{}{}", web.public_url, channel.callback_path());
    let query = serde_urlencoded::to_string([
        ("appid", app.app_id.as_str()),
        ("redirect_uri", redirect_uri.as_str()),
        ("response_type", "code"),
        ("scope", scope),
        ("state", started.state.as_str()),
    ])
    .unwrap_or_default();
    Reply::found(format!("{}{path}?{query}#wechat_redirect", web.web_base)).cookie(cookies::set(
        cookies::STATE,
        &started.browser,
        web.state_ttl_s,
        web.secure,
    ))
}

async fn callback(
    state: &AppState,
    channel: Channel,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> Reply {
    let web = &state.web;
    let retry = channel.start_path();
    let clear_state = cookies::clear(cookies::STATE, web.secure);
    let browser = cookies::read(headers, cookies::STATE);
    let consumed = states::consume(
        &state.db,
        channel,
        params.get("state").map(String::as_str),
        browser.as_deref(),
    )
    .await;
    let return_to = match consumed {
        Ok(Ok(return_to)) => return_to,
        Ok(Err(rejected)) => {
            tracing::info!(
                channel = channel.name(),
                ?rejected,
                "web login: state refused"
            );
            return Reply::page(StatusCode::FORBIDDEN, pages::failure("state", &retry))
                .cookie(clear_state);
        }
        Err(err) => return Reply::from(err).cookie(clear_state),
    };
    let retry = return_to::attach(&retry, &return_to);
    let Some(code) = params.get("code").filter(|c| !c.is_empty()) else {
        return Reply::page(StatusCode::OK, pages::denied(&retry)).cookie(clear_state);
    };
    let Some(app) = web.app(channel) else {
        return Reply::internal("web route without its app");
    };
    signed_in_or_bind(state, app, headers, code, &return_to, &retry)
        .await
        .unwrap_or_else(|reply| reply)
        .cookie(clear_state)
}

/// After a valid state: the code's person signed in, or sent to the phone page.
async fn signed_in_or_bind(
    state: &AppState,
    app: &WebApp,
    headers: &HeaderMap,
    code: &str,
    return_to: &str,
    retry: &str,
) -> Result<Reply, Reply> {
    let deadline = Deadline::from_config(&state.config);
    let grant = exchange(state, app, code, deadline, retry).await?;
    if grant.is_snapshotuser == Some(1) {
        return Ok(Reply::page(StatusCode::OK, pages::snapshot()));
    }
    let known = WechatIdentity::new(&grant, None, now()).through_web_app(&app.app_id);
    if let Some(user) = accounts::find_web_account(&state.db, &app.app_id, &known).await? {
        // As for the app: the nickname and avatar are brought up to date after the
        // answer (`/sns/userinfo` takes any app's token; `snsapi_base` has no profile).
        let id = user.id;
        state.profiles.refresh_later(user, grant);
        return Ok(sign_in(state, headers, id, return_to).await?);
    }
    let profile = accounts::read_profile(&app.client, &grant, deadline)
        .await
        .map_err(|err| wechat_failure(&err, retry))?;
    let identity =
        WechatIdentity::new(&grant, profile.as_ref(), now()).through_web_app(&app.app_id);
    // The profile may carry the unionid the exchange lacked.
    if identity.union_id.is_some() && known.union_id.is_none() {
        if let Some(user) = accounts::find_web_account(&state.db, &app.app_id, &identity).await? {
            return Ok(sign_in(state, headers, user.id, return_to).await?);
        }
    }
    let ttl = state.config.bind_ticket_ttl_s;
    let ticket = accounts::create_ticket(&state.db, &identity, ttl).await?;
    let web = &state.web;
    Ok(
        Reply::see_other(return_to::attach("/web/bind", return_to)).cookie(cookies::set(
            cookies::BIND,
            &ticket,
            ttl,
            web.secure,
        )),
    )
}

async fn exchange(
    state: &AppState,
    app: &WebApp,
    code: &str,
    deadline: Deadline,
    retry: &str,
) -> Result<Grant, Reply> {
    if code.len() > 512 {
        return Err(Reply::page(
            StatusCode::BAD_REQUEST,
            pages::failure("code", retry),
        ));
    }
    match wechat::exchange_code(&state.db, &app.client, code, deadline).await {
        Ok(grant) => Ok(grant),
        Err(Exchange::Wechat(err)) => Err(wechat_failure(&err, retry)),
        Err(Exchange::Db(err)) => Err(err.into()),
    }
}

/// WeChat's verdict on the code (invalid, used, expired) asks for a new login; any
/// other failure is WeChat's or the configuration's, logged as such.
fn wechat_failure(err: &WechatError, retry: &str) -> Reply {
    match err.errcode() {
        Some(40029 | 40163 | 42003 | 41008) => {
            tracing::info!("web login: code refused: {err}");
            Reply::page(StatusCode::BAD_REQUEST, pages::failure("code", retry))
        }
        _ => {
            tracing::warn!("web login: WeChat failed: {err}");
            Reply::page(StatusCode::BAD_GATEWAY, pages::failure("wechat", retry))
        }
    }
}

/// A new session in the session cookie, replacing (and ending) the browser's previous
/// one, then on to `return_to`.
pub(super) async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    return_to: &str,
) -> Result<Reply, sqlx::Error> {
    if let Some(previous) = cookies::read(headers, cookies::SESSION) {
        sessions::end(&state.db, &previous).await?;
    }
    let session = sessions::create(&state.db, user_id, state.config.session_ttl_s).await?;
    let web = &state.web;
    Ok(Reply::see_other(return_to.to_owned()).cookie(cookies::set(
        cookies::SESSION,
        &session.token,
        session.expires_in_s,
        web.secure,
    )))
}
