//! `/sim/qr/{ticket}`: the simulated phone after scanning a website login QR code, for a
//! person doing QA by hand (the QR code on the login page points here). Tests use the
//! control API's `POST /sim/qr/{ticket}/scan` instead.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::page::{self, escape, Text};
use super::request::Refusal;
use super::scan::scan;
use crate::state::{ScanError, Shared};

/// `GET /sim/qr/{ticket}`: who scans, and allow or deny.
pub(crate) async fn show(Path(ticket): Path<String>) -> Response {
    let body = format!(
        "<form method=\"post\" action=\"/sim/qr/{ticket}\"><div class=\"card\">\
<p><label for=\"user\">{who}</label></p><p><input id=\"user\" name=\"user\" value=\"alice\" required></p>\
<p>{asks}</p></div>\
{buttons}</form>",
        ticket = escape(&ticket),
        who = Text {
            zh: "微信用户",
            en: "WeChat user",
        }
        .html(),
        asks = Text {
            zh: "网页申请使用你的微信身份登录",
            en: "A website asks to log you in with your WeChat identity",
        }
        .html(),
        buttons = page::decision_buttons(),
    );
    page::page(
        Text {
            zh: "微信登录确认(模拟手机)",
            en: "Confirm WeChat login (simulated phone)",
        },
        "phone",
        &body,
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct Decision {
    user: String,
    decision: String,
}

/// `POST /sim/qr/{ticket}`: the tap.
pub(crate) async fn decide(
    State(shared): State<Arc<Shared>>,
    Path(ticket): Path<String>,
    form: Result<Form<Decision>, FormRejection>,
) -> Response {
    let allow = match form {
        Ok(Form(d)) if !d.user.is_empty() && d.decision == "allow" => Some((d.user, true)),
        Ok(Form(d)) if !d.user.is_empty() && d.decision == "deny" => Some((d.user, false)),
        _ => None,
    };
    let Some((user, allow)) = allow else {
        return page::error(Refusal::Params.text());
    };
    match scan(&shared, &ticket, &user, Some(allow)) {
        Ok(_) => page::page(
            Text {
                zh: "已完成,请回到电脑上的网页",
                en: "Done: go back to the page on the computer",
            },
            "phone",
            "",
        ),
        Err(error) => page::error(scan_error_text(error)),
    }
}

pub(crate) fn scan_error_text(error: ScanError) -> Text {
    match error {
        ScanError::Unknown => Text {
            zh: "二维码无效",
            en: "Unknown QR code",
        },
        ScanError::Used => Text {
            zh: "二维码已使用",
            en: "This QR code was already used",
        },
        ScanError::Expired => Text {
            zh: "二维码已失效",
            en: "This QR code has expired",
        },
    }
}
