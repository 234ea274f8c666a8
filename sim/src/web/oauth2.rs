//! `/connect/oauth2/authorize`: official-account web authorization, inside WeChat's browser.
//! `snsapi_base` is silent; `snsapi_userinfo` asks once per person and app, then is silent;
//! a page opened from a Moments snapshot gets a silent snapshot identity.

use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::browser::{identity, outside_wechat, Identity};
use super::page::{self, escape, Text};
use super::redirect;
use super::request::{check, parsed, Entry, Params, Refusal};
use crate::config::AppConfig;
use crate::control::Scope;
use crate::state::{AuthRequest, Authorization, Shared, World};

pub(crate) const CONFIRM_PATH: &str = "/connect/oauth2/authorize/confirm";

/// `GET /connect/oauth2/authorize`.
pub(crate) async fn authorize(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    let Some(who) = identity(&headers) else {
        return outside_wechat();
    };
    let (app, request) = match parsed(query).and_then(|p| check(&shared.config, Entry::OAuth2, p)) {
        Ok(checked) => checked,
        Err(refusal) => return page::error(refusal.text()),
    };
    let mut world = shared.world();
    if who.snapshot {
        return allow(&shared, &mut world, app, &request, &who, Scope::SnsapiBase);
    }
    if request.scope == Scope::SnsapiBase || world.web.has_agreed(&app.appid, &who.user) {
        return allow(&shared, &mut world, app, &request, &who, request.scope);
    }
    let now = world.clock.now();
    match world.web.open_consent(request, &who.user, now) {
        Some(consent) => consent_page(&app.appid, &who.user, &consent),
        None => page::error(page::BUSY),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Decision {
    consent: String,
    decision: String,
}

/// `POST /connect/oauth2/authorize/confirm`: the consent page's allow or deny.
pub(crate) async fn confirm(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    form: Result<Form<Decision>, FormRejection>,
) -> Response {
    let Some(who) = identity(&headers) else {
        return outside_wechat();
    };
    let Ok(Form(form)) = form else {
        return page::error(Refusal::Params.text());
    };
    let mut world = shared.world();
    let now = world.clock.now();
    let pending = world
        .web
        .take_consent(&form.consent, now)
        .filter(|p| p.user == who.user);
    let Some(pending) = pending else {
        return page::error(Text {
            zh: "授权页已失效,请重新打开链接",
            en: "This page has expired, open the link again",
        });
    };
    let Some(app) = shared.config.app(&pending.request.appid) else {
        return page::error(Refusal::Appid.text());
    };
    match form.decision.as_str() {
        "allow" => {
            world.web.agree(&app.appid, &who.user);
            allow(
                &shared,
                &mut world,
                app,
                &pending.request,
                &who,
                Scope::SnsapiUserinfo,
            )
        }
        "deny" => redirect::found(&redirect::denied(&pending.request)),
        _ => page::error(Refusal::Params.text()),
    }
}

/// Issues the code and sends the browser back with it.
fn allow(
    shared: &Shared,
    world: &mut World,
    app: &AppConfig,
    request: &AuthRequest,
    who: &Identity,
    scope: Scope,
) -> Response {
    let authorization = Authorization {
        appid: app.appid.clone(),
        user: who.user.clone(),
        scope,
        snapshot: who.snapshot,
    };
    let code = world.issue_code(app, &shared.config.lifetimes, authorization);
    redirect::found(&redirect::allowed(request, &code))
}

fn consent_page(appid: &str, user: &str, consent: &str) -> Response {
    let body = format!(
        "<div class=\"card\"><p><code id=\"appid\">{appid}</code></p><p>{asks}</p><p><b>{what}</b></p>\
<p>{as_user} <b id=\"user\">{user}</b></p></div>\
<form method=\"post\" action=\"{CONFIRM_PATH}\"><input type=\"hidden\" name=\"consent\" value=\"{consent}\">\
{buttons}</form>",
        appid = escape(appid),
        asks = Text {
            zh: "申请获得以下权限:",
            en: "asks for:",
        }
        .html(),
        what = Text {
            zh: "获得你的公开信息(昵称、头像、地区及性别)",
            en: "Your public profile (nickname, avatar, region, sex)",
        }
        .html(),
        as_user = Text {
            zh: "微信用户",
            en: "WeChat user",
        }
        .html(),
        user = escape(user),
        consent = escape(consent),
        buttons = page::decision_buttons(),
    );
    page::page(
        Text {
            zh: "微信授权",
            en: "WeChat authorization",
        },
        "consent",
        &body,
    )
}
