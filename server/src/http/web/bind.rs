//! The phone page of a new person: a captcha, then the binding, with the captcha rules
//! and limits of the app's `/v1/captcha` and `/v1/auth/wechat/bind-phone`.

use axum::extract::rejection::FormRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Form;
use serde::Deserialize;
use wxlogin_contract::{ApiCode, CaptchaPurpose};

use super::pages::{BindMessage, BindView};
use super::{cookies, csrf, login, pages, return_to, Reply};
use crate::accounts::{self, WechatIdentity};
use crate::captcha::{self, valid_mobile};
use crate::error::ApiError;
use crate::http::extract::ClientAddr;
use crate::http::{dev, AppState};
use crate::wechat::Deadline;

#[derive(Deserialize)]
pub struct BindForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    return_to: Option<String>,
    #[serde(default)]
    mobile: String,
    #[serde(default)]
    captcha: String,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Reply {
    let params: std::collections::HashMap<String, String> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    let return_to = return_to::local(params.get("return_to").map(String::as_str));
    match pending(&state, &headers).await {
        Ok(identity) => render(&state, &headers, &identity, "", &return_to, None),
        Err(reply) => reply,
    }
}

pub async fn send_captcha(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(client): ClientAddr,
    form: Result<Form<BindForm>, FormRejection>,
) -> Reply {
    let (identity, form) = match checked(&state, &headers, form).await {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let return_to = return_to::local(form.return_to.as_deref());
    let message = if valid_mobile(&form.mobile) {
        let (policy, client) = dev::captcha_terms(&state.config, &form.mobile, &client);
        let sent = captcha::issue(
            &state.db,
            &policy,
            state.sms.as_ref(),
            &form.mobile,
            CaptchaPurpose::Bind,
            client,
        )
        .await;
        match sent {
            Ok(_) => BindMessage::Sent,
            Err(err) => match refusal(ApiError::from(err)) {
                Ok(code) => BindMessage::Refused(code),
                Err(reply) => return reply,
            },
        }
    } else {
        BindMessage::Refused(ApiCode::InvalidMobile)
    };
    render(
        &state,
        &headers,
        &identity,
        &form.mobile,
        &return_to,
        Some(message),
    )
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<BindForm>, FormRejection>,
) -> Reply {
    let (identity, form) = match checked(&state, &headers, form).await {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let return_to = return_to::local(form.return_to.as_deref());
    let refused = |code| {
        render(
            &state,
            &headers,
            &identity,
            &form.mobile,
            &return_to,
            Some(BindMessage::Refused(code)),
        )
    };
    if !valid_mobile(&form.mobile) {
        return refused(ApiCode::InvalidMobile);
    }
    let verified = captcha::verify(
        &state.db,
        &state.config.captcha,
        &form.mobile,
        CaptchaPurpose::Bind,
        &form.captcha,
    )
    .await;
    if let Err(err) = verified {
        return match refusal(ApiError::from(err)) {
            Ok(code) => refused(code),
            Err(reply) => reply,
        };
    }
    match bind(&state, &headers, &identity, &form.mobile, &return_to).await {
        Ok(reply) => reply,
        Err(err) => match refusal(err) {
            Ok(code) => refused(code),
            Err(reply) => reply,
        },
    }
}

/// Binds, signs in, and forgets the pending binding.
async fn bind(
    state: &AppState,
    headers: &HeaderMap,
    identity: &WechatIdentity,
    mobile: &str,
    return_to: &str,
) -> Result<Reply, ApiError> {
    let web = &state.web;
    let Some((_, app)) = identity
        .web_app
        .as_deref()
        .and_then(|id| web.channel_of(id))
    else {
        return Err(ApiError::new(
            ApiCode::BindTicketInvalid,
            "not a web identity",
        ));
    };
    let user = accounts::bind_web_phone(&state.db, &app.app_id, identity, mobile).await?;
    if let Some(ticket) = cookies::read(headers, cookies::BIND) {
        accounts::close_ticket(&state.db, &ticket).await?;
    }
    let deadline = Deadline::from_config(&state.config);
    accounts::refresh_profile(&state.db, &app.client, &user, identity, deadline).await?;
    let reply = login::sign_in(state, headers, user.id, return_to).await?;
    Ok(reply.cookie(cookies::clear(cookies::BIND, web.secure)))
}

/// A refusal's code for the page, or the page of an internal failure.
fn refusal(err: ApiError) -> Result<ApiCode, Reply> {
    if err.code.http_status() >= 500 {
        Err(Reply::internal(err.msg))
    } else {
        Ok(err.code)
    }
}

/// The pending binding's identity, from the bind cookie.
async fn pending(state: &AppState, headers: &HeaderMap) -> Result<WechatIdentity, Reply> {
    let ticket = cookies::read(headers, cookies::BIND);
    let identity = match ticket {
        Some(ticket) => accounts::open_ticket(&state.db, &ticket).await?,
        None => None,
    };
    identity
        .filter(|i| i.web_app.is_some())
        .ok_or_else(|| Reply::page(StatusCode::BAD_REQUEST, pages::failure("bind", "/web/")))
}

/// A posted form with a valid CSRF token, and the pending binding it is about.
async fn checked(
    state: &AppState,
    headers: &HeaderMap,
    form: Result<Form<BindForm>, FormRejection>,
) -> Result<(WechatIdentity, BindForm), Reply> {
    let form_failed = || Reply::page(StatusCode::BAD_REQUEST, pages::failure("form", "/web/bind"));
    let Ok(Form(form)) = form else {
        return Err(form_failed());
    };
    if !csrf::valid(headers, &form.csrf) {
        return Err(form_failed());
    }
    let identity = pending(state, headers).await?;
    Ok((identity, form))
}

fn render(
    state: &AppState,
    headers: &HeaderMap,
    identity: &WechatIdentity,
    mobile: &str,
    return_to: &str,
    message: Option<BindMessage>,
) -> Reply {
    let (token, set_cookie) = csrf::token(headers, state.web.secure);
    let status = match &message {
        Some(BindMessage::Refused(code)) => {
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::BAD_REQUEST)
        }
        _ => StatusCode::OK,
    };
    let html = pages::bind(&BindView {
        nickname: &identity.nickname,
        mobile,
        csrf: &token,
        return_to,
        message,
    });
    Reply::page(status, html).cookies(set_cookie)
}
