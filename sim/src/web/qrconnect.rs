//! `/connect/qrconnect`: website QR login. The page shows a QR code for a fresh ticket and
//! polls the ticket's status; once the person allowed or denied on the phone, it navigates
//! to the relying party's `redirect_uri`.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::page::{self, escape, Text};
use super::qr_image;
use super::request::{check, parsed, Entry, Params};
use crate::control::{ErrorBody, QrStatusView};
use crate::state::Shared;

pub(crate) const STATUS_PATH: &str = "/connect/qrconnect/status";

/// `GET /connect/qrconnect`.
pub(crate) async fn page(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    let (app, request) =
        match parsed(query).and_then(|p| check(&shared.config, Entry::QrConnect, p)) {
            Ok(checked) => checked,
            Err(refusal) => return page::error(refusal.text()),
        };
    let ticket = {
        let mut world = shared.world();
        let now = world.clock.now();
        world.web.open_ticket(request, now)
    };
    match ticket {
        Some(ticket) => qr_page(&shared.base_url, &app.appid, &ticket),
        None => page::error(page::BUSY),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct StatusParams {
    ticket: String,
}

/// `GET /connect/qrconnect/status?ticket=T`: what the page polls.
pub(crate) async fn status(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<StatusParams>,
) -> Response {
    let world = shared.world();
    let now = world.clock.now();
    match world.web.status(&params.ticket, now) {
        Some((status, redirect)) => Json(QrStatusView {
            status: status.as_str().to_owned(),
            redirect,
        })
        .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(ErrorBody {
                error: "unknown ticket".to_owned(),
            }),
        )
            .into_response(),
    }
}

/// The QR code encodes the simulated phone's page for the ticket.
fn phone_url(base_url: &str, ticket: &str) -> String {
    format!("{base_url}/sim/qr/{ticket}")
}

fn qr_page(base_url: &str, appid: &str, ticket: &str) -> Response {
    let phone = phone_url(base_url, ticket);
    let image = qr_image::svg(&phone).unwrap_or_default();
    let body = format!(
        "<div class=\"card\"><div id=\"qr\" data-ticket=\"{ticket}\">{image}</div>\
<p id=\"status\" data-status=\"waiting\">{waiting}</p></div>\
<p>{app} <code id=\"appid\">{appid}</code></p>\
<p><a id=\"phone\" href=\"{phone}\">{phone_link}</a></p>\
<script>{script}</script>",
        ticket = escape(ticket),
        waiting = WAITING.html(),
        app = Text {
            zh: "网站应用",
            en: "Website app",
        }
        .html(),
        appid = escape(appid),
        phone = escape(&phone),
        phone_link = Text {
            zh: "模拟手机扫码",
            en: "Simulated phone scan",
        }
        .html(),
        script = poll_script(),
    );
    page::page(
        Text {
            zh: "微信登录",
            en: "Log in with WeChat",
        },
        "qrconnect",
        &body,
    )
}

const WAITING: Text = Text {
    zh: "请使用微信扫描二维码登录",
    en: "Scan the QR code with WeChat to log in",
};

/// Polls twice a second; `done` navigates (replacing this page in history, as WeChat does),
/// `expired` stops.
fn poll_script() -> String {
    let scanned = Text {
        zh: "扫描成功,请在微信中轻触允许即可登录",
        en: "Scanned: tap Allow in WeChat to log in",
    };
    let expired = Text {
        zh: "二维码已失效,请刷新页面",
        en: "The QR code has expired: reload the page",
    };
    format!(
        "(function(){{var qr=document.getElementById('qr'),st=document.getElementById('status');\
var texts={{waiting:'{waiting}',scanned:'{scanned}',expired:'{expired}'}};\
function show(s){{if(st.dataset.status!==s){{st.dataset.status=s;st.innerHTML=texts[s]||'';}}}}\
function poll(){{fetch('{STATUS_PATH}?ticket='+encodeURIComponent(qr.dataset.ticket),{{cache:'no-store'}})\
.then(function(r){{return r.ok?r.json():{{status:'expired',redirect:null}};}})\
.then(function(s){{if(s.status==='done'&&s.redirect){{location.replace(s.redirect);return;}}\
show(s.status);if(s.status!=='expired')setTimeout(poll,500);}})\
.catch(function(){{setTimeout(poll,1000);}});}}\
setTimeout(poll,500);}})();",
        waiting = WAITING.html(),
        scanned = scanned.html(),
        expired = expired.html(),
    )
}
