//! Who is looking at an official-account page: WeChat knows it because the page is opened
//! inside WeChat's own browser. The simulator stands for that with a cookie on its origin,
//! set by `GET /sim/wechat-browser?user=alice[&snapshot=1]` — a test (or a person at a
//! desktop) "opens WeChat" as alice before following the official account's link.

use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use serde::Deserialize;

use super::page::{self, escape, Text};

const COOKIE: &str = "wxsim_wechat_browser";

/// The person in the in-app browser. `snapshot`: the page was opened from a Moments
/// snapshot, where WeChat hands out placeholder identities (`is_snapshotuser: 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub(crate) user: String,
    pub(crate) snapshot: bool,
}

/// The identity the request's cookie carries, if the request comes from "inside WeChat".
pub(crate) fn identity(headers: &HeaderMap) -> Option<Identity> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| decode(value))
}

fn encode(identity: &Identity) -> String {
    let flag = if identity.snapshot { '1' } else { '0' };
    let user = utf8_percent_encode(&identity.user, NON_ALPHANUMERIC);
    format!("{flag}.{user}")
}

fn decode(value: &str) -> Option<Identity> {
    let (flag, user) = value.split_once('.')?;
    let user = percent_decode_str(user).decode_utf8().ok()?.into_owned();
    if user.is_empty() {
        return None;
    }
    Some(Identity {
        user,
        snapshot: flag == "1",
    })
}

/// The page WeChat shows when its web authorization is opened in any other browser.
pub(crate) fn outside_wechat() -> Response {
    page::page(
        Text {
            zh: "请在微信客户端打开链接",
            en: "Open this link in WeChat",
        },
        "outside",
        "",
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    user: Option<String>,
    snapshot: Option<String>,
}

/// `GET /sim/wechat-browser?user=U[&snapshot=1]`: this browser is now WeChat's, as U.
pub(crate) async fn enter(Query(params): Query<Params>) -> Response {
    let Some(user) = params.user.filter(|u| !u.is_empty()) else {
        let mut missing = page::error(Text {
            zh: "缺少 user 参数",
            en: "The user parameter is missing",
        });
        *missing.status_mut() = StatusCode::BAD_REQUEST;
        return missing;
    };
    let identity = Identity {
        user,
        snapshot: params.snapshot.as_deref() == Some("1"),
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax",
        encode(&identity)
    );
    let snapshot = if identity.snapshot {
        Text {
            zh: "朋友圈快照页模式:授权只得到快照用户身份。",
            en: "Moments snapshot mode: authorizations give a snapshot identity only.",
        }
        .html()
    } else {
        String::new()
    };
    let body = format!(
        "<div class=\"card\"><p>{} <b id=\"user\">{}</b></p><p>{snapshot}</p></div>",
        Text {
            zh: "微信用户",
            en: "WeChat user",
        }
        .html(),
        escape(&identity.user),
    );
    let mut response = page::page(
        Text {
            zh: "已进入微信内置浏览器(模拟)",
            en: "This is now WeChat's in-app browser (simulated)",
        },
        "browser",
        &body,
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips_any_user_id() {
        for user in ["alice", "熊 猫;=.x", "a.b"] {
            for snapshot in [false, true] {
                let identity = Identity {
                    user: user.into(),
                    snapshot,
                };
                let mut headers = HeaderMap::new();
                let cookie = format!("other=1; {COOKIE}={}; x=y", encode(&identity));
                headers.insert(header::COOKIE, HeaderValue::from_str(&cookie).unwrap());
                assert_eq!(super::identity(&headers), Some(identity));
            }
        }
        assert_eq!(super::identity(&HeaderMap::new()), None);
    }
}
