//! WeChat's web authorization pages over real HTTP, redirects not followed: website QR
//! login (`/connect/qrconnect`), official-account authorization (`/connect/oauth2/authorize`),
//! every check with WeChat's wording, and the codes they hand out at `/sns/` afterwards.

mod common;

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, StatusCode, Url};
use serde_json::Value;
use wxlogin_sim::control::{ControlClient, ControlError, Scope};
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

/// A website app and an official account of account "acme" (with the mobile app APP_A), an
/// official account not bound to the open platform on loopback.
const WEB: (&str, &str) = ("wxWeb00000000001", "secret-web");
const OA: (&str, &str) = ("wxOa000000000001", "secret-oa");
const OA_LOCAL: (&str, &str) = ("wxOaLocal0000001", "secret-local");
const APP: (&str, &str) = common::APP_A;

const WEB_CB: &str = "https://example.com/login/callback";
const OA_CB: &str = "https://m.example.com/wx/callback";

struct Web {
    handle: SimHandle,
    control: ControlClient,
    /// No redirects followed, no cookie store: every header is the test's to see.
    http: reqwest::Client,
}

/// One HTTP answer.
struct Answer {
    status: StatusCode,
    location: Option<String>,
    content_type: String,
    set_cookie: Option<String>,
    body: String,
}

impl Answer {
    /// An error page: 200 like WeChat, HTML, the wording, no redirect.
    fn assert_refused(&self, wording: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert_eq!(self.location, None);
        assert!(self.content_type.starts_with("text/html"));
        assert!(
            self.body.contains(wording),
            "expected {wording:?} in {}",
            self.body
        );
    }

    /// The `Location` of a 302, parsed.
    fn redirect(&self) -> Url {
        assert_eq!(self.status, StatusCode::FOUND, "{}", self.body);
        Url::parse(self.location.as_deref().unwrap()).unwrap()
    }

    /// `value="..."` of the element with `id`, or `data-ticket` of `#qr`.
    fn attribute(&self, marker: &str, attribute: &str) -> String {
        let start = self.body.find(marker).unwrap_or_else(|| {
            panic!("{marker:?} not in {}", self.body);
        });
        let rest = &self.body[start..];
        let at = rest.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
        rest[at..].split('"').next().unwrap().to_owned()
    }
}

async fn spawn() -> Web {
    let config = SimConfig::default()
        .with_app(AppConfig::new(APP.0, APP.1, "acme"))
        .with_app(AppConfig::website(WEB.0, WEB.1, "example.com").with_account("acme"))
        .with_app(AppConfig::official_account(OA.0, OA.1, "m.example.com").with_account("acme"))
        .with_app(
            AppConfig::official_account(OA_LOCAL.0, OA_LOCAL.1, "127.0.0.1").without_unionid(),
        );
    let handle = Simulator::new(config).spawn("127.0.0.1:0").await.unwrap();
    let control = handle.control().unwrap();
    let http = reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    Web {
        handle,
        control,
        http,
    }
}

fn query(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

impl Web {
    async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned())
        };
        let (location, set_cookie) = (header(LOCATION), header(SET_COOKIE));
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        Answer {
            status: response.status(),
            location,
            content_type,
            set_cookie,
            body: response.text().await.unwrap(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.handle.base_url())
    }

    async fn qrconnect(&self, params: &[(&str, &str)]) -> Answer {
        self.send(self.http.get(self.url("/connect/qrconnect")).query(params))
            .await
    }

    /// The QR page of a valid request; its ticket.
    async fn ticket(&self, state: &str) -> String {
        let page = self
            .qrconnect(&[
                ("appid", WEB.0),
                ("redirect_uri", WEB_CB),
                ("response_type", "code"),
                ("scope", "snsapi_login"),
                ("state", state),
            ])
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("name=\"viewport\""));
        assert!(page.body.contains("<svg"), "the QR code is inline");
        page.attribute("id=\"qr\"", "data-ticket")
    }

    /// The cookie of WeChat's in-app browser for `user`, as the simulator sets it.
    async fn wechat_browser(&self, user: &str, snapshot: bool) -> String {
        let mut params = vec![("user", user)];
        if snapshot {
            params.push(("snapshot", "1"));
        }
        let answer = self
            .send(
                self.http
                    .get(self.url("/sim/wechat-browser"))
                    .query(&params),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        let set_cookie = answer.set_cookie.expect("a cookie");
        assert!(set_cookie.contains("HttpOnly"));
        set_cookie.split(';').next().unwrap().to_owned()
    }

    async fn authorize(&self, cookie: Option<&str>, params: &[(&str, &str)]) -> Answer {
        let mut request = self
            .http
            .get(self.url("/connect/oauth2/authorize"))
            .query(params);
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        self.send(request).await
    }

    async fn authorize_oa(&self, cookie: &str, scope: &str, state: &str) -> Answer {
        self.authorize(
            Some(cookie),
            &[
                ("appid", OA.0),
                ("redirect_uri", OA_CB),
                ("response_type", "code"),
                ("scope", scope),
                ("state", state),
            ],
        )
        .await
    }

    async fn confirm(&self, cookie: &str, consent: &str, decision: &str) -> Answer {
        let form = [("consent", consent), ("decision", decision)];
        let request = self
            .http
            .post(self.url("/connect/oauth2/authorize/confirm"))
            .header(COOKIE, cookie)
            .form(&form);
        self.send(request).await
    }

    /// `/sns/oauth2/access_token` as the relying party's server calls it.
    async fn exchange(&self, app: (&str, &str), code: &str) -> Value {
        let body = self
            .http
            .get(self.url("/sns/oauth2/access_token"))
            .query(&[
                ("appid", app.0),
                ("secret", app.1),
                ("code", code),
                ("grant_type", "authorization_code"),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        serde_json::from_str(&body).unwrap()
    }

    async fn userinfo(&self, token: &Value) -> Value {
        let body = self
            .http
            .get(self.url("/sns/userinfo"))
            .query(&[
                ("access_token", token["access_token"].as_str().unwrap()),
                ("openid", token["openid"].as_str().unwrap()),
            ])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        serde_json::from_str(&body).unwrap()
    }
}

/// `params` with `key`'s value replaced.
fn replaced<'a>(
    params: &[(&'a str, &'a str)],
    key: &str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    params
        .iter()
        .map(|&(k, v)| if k == key { (k, value) } else { (k, v) })
        .collect()
}

fn status_code(error: ControlError) -> u16 {
    match error {
        ControlError::Status { status, .. } => status,
        other => panic!("expected a refusal, got {other}"),
    }
}

#[tokio::test]
async fn qr_login_allowed_redirects_with_code_and_state() {
    let web = spawn().await;
    let ticket = web.ticket("abc123").await;
    assert_eq!(
        web.control.qr_status(&ticket).await.unwrap().status,
        "waiting"
    );

    let scanned = web
        .control
        .scan_qr_with(&ticket, "alice", None)
        .await
        .unwrap();
    assert_eq!(scanned.redirect, None);
    assert_eq!(
        web.control.qr_status(&ticket).await.unwrap().status,
        "scanned"
    );

    let redirect = web.control.scan_qr(&ticket, "alice", true).await.unwrap();
    let polled = web.control.qr_status(&ticket).await.unwrap();
    assert_eq!(polled.status, "done");
    assert_eq!(polled.redirect.as_deref(), Some(redirect.as_str()));
    let url = Url::parse(&redirect).unwrap();
    assert!(redirect.starts_with(&format!("{WEB_CB}?code=")));
    assert_eq!(query(&url, "state").as_deref(), Some("abc123"));
    let code = query(&url, "code").unwrap();

    let token = web.exchange(WEB, &code).await;
    assert_eq!(token["scope"], "snsapi_login");
    let app_code = web
        .control
        .authorize(APP.0, "alice", Scope::SnsapiUserinfo)
        .await
        .unwrap();
    let app_token = web.exchange(APP, &app_code).await;
    assert_eq!(
        token["unionid"], app_token["unionid"],
        "one account, one unionid"
    );
    assert_ne!(token["openid"], app_token["openid"], "openids are per app");

    let again = web
        .control
        .scan_qr(&ticket, "alice", true)
        .await
        .unwrap_err();
    assert_eq!(status_code(again), 409, "a ticket is used once");
}

#[tokio::test]
async fn qr_login_denied_redirects_with_state_only() {
    let web = spawn().await;
    let ticket = web.ticket("xyz").await;
    let redirect = web.control.scan_qr(&ticket, "bob", false).await.unwrap();
    assert_eq!(redirect, format!("{WEB_CB}?state=xyz"));
    assert_eq!(
        web.control.qr_status(&ticket).await.unwrap().redirect,
        Some(redirect)
    );
}

#[tokio::test]
async fn redirect_uri_keeps_its_own_query() {
    let web = spawn().await;
    let page = web
        .qrconnect(&[
            ("appid", WEB.0),
            ("redirect_uri", "https://example.com:8443/cb?next=%2Fhome"),
            ("response_type", "code"),
            ("scope", "snsapi_login"),
            ("state", ""),
        ])
        .await;
    let ticket = page.attribute("id=\"qr\"", "data-ticket");
    let redirect = web.control.scan_qr(&ticket, "alice", false).await.unwrap();
    assert_eq!(redirect, "https://example.com:8443/cb?next=%2Fhome&state=");
}

#[tokio::test]
async fn tickets_expire_and_unknown_ones_are_refused() {
    let web = spawn().await;
    let ticket = web.ticket("s").await;
    web.control.advance_clock(299).await.unwrap();
    assert_eq!(
        web.control.qr_status(&ticket).await.unwrap().status,
        "waiting"
    );
    web.control.advance_clock(1).await.unwrap();
    assert_eq!(
        web.control.qr_status(&ticket).await.unwrap().status,
        "expired"
    );
    let expired = web
        .control
        .scan_qr(&ticket, "alice", true)
        .await
        .unwrap_err();
    assert_eq!(status_code(expired), 409);
    let unknown = web
        .control
        .scan_qr("no-such-ticket", "alice", true)
        .await
        .unwrap_err();
    assert_eq!(status_code(unknown), 404);
    let unknown = web.control.qr_status("no-such-ticket").await.unwrap_err();
    assert_eq!(status_code(unknown), 404);
}

#[tokio::test]
async fn web_codes_live_five_minutes_of_sim_time() {
    let web = spawn().await;
    let first = web
        .control
        .scan_qr(&web.ticket("a").await, "alice", true)
        .await
        .unwrap();
    web.control.advance_clock(299).await.unwrap();
    let second = web
        .control
        .scan_qr(&web.ticket("b").await, "alice", true)
        .await
        .unwrap();
    web.control.advance_clock(1).await.unwrap();
    let code = |redirect: &str| query(&Url::parse(redirect).unwrap(), "code").unwrap();
    assert_eq!(web.exchange(WEB, &code(&first)).await["errcode"], 42003);
    assert_eq!(
        web.exchange(WEB, &code(&second)).await["scope"],
        "snsapi_login"
    );

    let oa_code = web
        .control
        .authorize(OA.0, "alice", Scope::SnsapiBase)
        .await
        .unwrap();
    let app_code = web
        .control
        .authorize(APP.0, "alice", Scope::SnsapiUserinfo)
        .await
        .unwrap();
    web.control.advance_clock(300).await.unwrap();
    assert_eq!(web.exchange(OA, &oa_code).await["errcode"], 42003);
    assert!(
        web.exchange(APP, &app_code).await["access_token"].is_string(),
        "mobile codes keep their 10 minutes"
    );
}

#[tokio::test]
async fn qrconnect_checks_every_parameter_with_wechats_wording() {
    let web = spawn().await;
    let valid = [
        ("appid", WEB.0),
        ("redirect_uri", WEB_CB),
        ("response_type", "code"),
        ("scope", "snsapi_login"),
        ("state", "s"),
    ];
    let long_state = "a".repeat(129);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("appid", "wxUnknown", "appid 参数错误"),
        ("appid", "", "appid 参数错误"),
        ("appid", OA.0, "Scope 参数错误或没有 Scope 权限"),
        ("appid", APP.0, "Scope 参数错误或没有 Scope 权限"),
        (
            "scope",
            "snsapi_userinfo",
            "Scope 参数错误或没有 Scope 权限",
        ),
        ("scope", "", "Scope 参数错误或没有 Scope 权限"),
        (
            "redirect_uri",
            "http://example.com/cb",
            "redirect_uri 参数错误",
        ),
        (
            "redirect_uri",
            "https://www.example.com/cb",
            "redirect_uri 参数错误",
        ),
        (
            "redirect_uri",
            "https://example.com.evil.test/cb",
            "redirect_uri 参数错误",
        ),
        (
            "redirect_uri",
            "https://evil.test/cb?to=example.com",
            "redirect_uri 参数错误",
        ),
        ("redirect_uri", "/login/callback", "redirect_uri 参数错误"),
        (
            "redirect_uri",
            "javascript:alert(1)",
            "redirect_uri 参数错误",
        ),
        ("state", "has-dash", "state 参数错误"),
        ("state", &long_state, "state 参数错误"),
        ("response_type", "token", "response_type 参数错误"),
    ];
    for (key, value, wording) in cases {
        let params = replaced(&valid, key, value);
        web.qrconnect(&params).await.assert_refused(wording);
    }
    let missing: Vec<(&str, &str)> = valid
        .iter()
        .copied()
        .filter(|(k, _)| *k != "response_type")
        .collect();
    web.qrconnect(&missing)
        .await
        .assert_refused("response_type 参数错误");
    let max_state = "Z9".repeat(64);
    let mut ok = valid.to_vec();
    ok[4] = ("state", &max_state);
    assert!(web.qrconnect(&ok).await.body.contains("data-ticket"));
}

#[tokio::test]
async fn oauth2_outside_wechat_asks_to_open_in_wechat() {
    let web = spawn().await;
    let answer = web
        .authorize(
            None,
            &[
                ("appid", OA.0),
                ("redirect_uri", OA_CB),
                ("response_type", "code"),
                ("scope", "snsapi_base"),
                ("state", "s"),
            ],
        )
        .await;
    answer.assert_refused("请在微信客户端打开链接");
    assert!(answer.body.contains("Open this link in WeChat"));
}

#[tokio::test]
async fn oauth2_base_is_silent_and_gives_openid_and_unionid() {
    let web = spawn().await;
    let cookie = web.wechat_browser("alice", false).await;
    let url = web
        .authorize_oa(&cookie, "snsapi_base", "st1")
        .await
        .redirect();
    assert!(url.as_str().starts_with(&format!("{OA_CB}?code=")));
    assert_eq!(query(&url, "state").as_deref(), Some("st1"));
    let token = web.exchange(OA, &query(&url, "code").unwrap()).await;
    assert_eq!(token["scope"], "snsapi_base");
    assert!(token.get("is_snapshotuser").is_none());
    let app_code = web
        .control
        .authorize(APP.0, "alice", Scope::SnsapiUserinfo)
        .await
        .unwrap();
    assert_eq!(
        token["unionid"],
        web.exchange(APP, &app_code).await["unionid"]
    );
    assert_eq!(web.userinfo(&token).await["errcode"], 48001);
}

#[tokio::test]
async fn oauth2_userinfo_asks_once_then_is_silent() {
    let web = spawn().await;
    let cookie = web.wechat_browser("carol", false).await;
    let consent = web.authorize_oa(&cookie, "snsapi_userinfo", "s1").await;
    assert_eq!(consent.status, StatusCode::OK);
    assert_eq!(consent.location, None);
    assert!(consent.body.contains("id=\"allow\"") && consent.body.contains("id=\"deny\""));
    assert!(consent.body.contains("carol"));
    let id = consent.attribute("name=\"consent\"", "value");

    let url = web.confirm(&cookie, &id, "allow").await.redirect();
    assert_eq!(query(&url, "state").as_deref(), Some("s1"));
    let token = web.exchange(OA, &query(&url, "code").unwrap()).await;
    assert_eq!(token["scope"], "snsapi_userinfo");
    let info = web.userinfo(&token).await;
    assert_eq!(info["nickname"], "carol");
    assert_eq!(info["unionid"], token["unionid"]);

    let url = web
        .authorize_oa(&cookie, "snsapi_userinfo", "s2")
        .await
        .redirect();
    assert_eq!(query(&url, "state").as_deref(), Some("s2"));
    let token = web.exchange(OA, &query(&url, "code").unwrap()).await;
    assert_eq!(token["scope"], "snsapi_userinfo", "silent the second time");

    web.confirm(&cookie, &id, "allow")
        .await
        .assert_refused("授权页已失效");
}

#[tokio::test]
async fn oauth2_userinfo_denied_redirects_with_state_only_and_asks_again() {
    let web = spawn().await;
    let cookie = web.wechat_browser("dave", false).await;
    let id = web
        .authorize_oa(&cookie, "snsapi_userinfo", "s1")
        .await
        .attribute("name=\"consent\"", "value");
    let url = web.confirm(&cookie, &id, "deny").await.redirect();
    assert_eq!(url.as_str(), format!("{OA_CB}?state=s1"));
    let again = web.authorize_oa(&cookie, "snsapi_userinfo", "s2").await;
    assert!(
        again.body.contains("id=\"allow\""),
        "a refusal is not remembered"
    );
}

#[tokio::test]
async fn a_consent_page_answers_only_its_own_person() {
    let web = spawn().await;
    let erin = web.wechat_browser("erin", false).await;
    let mallory = web.wechat_browser("mallory", false).await;
    let id = web
        .authorize_oa(&erin, "snsapi_userinfo", "s")
        .await
        .attribute("name=\"consent\"", "value");
    web.confirm(&mallory, &id, "allow")
        .await
        .assert_refused("授权页已失效");
    web.confirm(&erin, "forged", "allow")
        .await
        .assert_refused("授权页已失效");
}

#[tokio::test]
async fn a_snapshot_page_is_silent_and_gives_a_snapshot_identity() {
    let web = spawn().await;
    let cookie = web.wechat_browser("frank", true).await;
    let url = web
        .authorize_oa(&cookie, "snsapi_userinfo", "s")
        .await
        .redirect();
    let token = web.exchange(OA, &query(&url, "code").unwrap()).await;
    assert_eq!(token["is_snapshotuser"], 1);
    assert_eq!(token["scope"], "snsapi_base");
}

#[tokio::test]
async fn an_unbound_official_account_gets_no_unionid_and_loopback_may_be_http() {
    let web = spawn().await;
    let cookie = web.wechat_browser("grace", false).await;
    let params = |scope| {
        [
            ("appid", OA_LOCAL.0),
            ("redirect_uri", "http://127.0.0.1:4000/cb"),
            ("response_type", "code"),
            ("scope", scope),
            ("state", "s"),
        ]
    };
    let url = web
        .authorize(Some(&cookie), &params("snsapi_base"))
        .await
        .redirect();
    assert!(url.as_str().starts_with("http://127.0.0.1:4000/cb?code="));
    let token = web.exchange(OA_LOCAL, &query(&url, "code").unwrap()).await;
    assert!(token["openid"].is_string());
    assert!(token.get("unionid").is_none(), "{token}");

    let consent = web
        .authorize(Some(&cookie), &params("snsapi_userinfo"))
        .await;
    let id = consent.attribute("name=\"consent\"", "value");
    let url = web.confirm(&cookie, &id, "allow").await.redirect();
    let token = web.exchange(OA_LOCAL, &query(&url, "code").unwrap()).await;
    let info = web.userinfo(&token).await;
    assert_eq!(info["openid"], token["openid"]);
    assert!(info.get("unionid").is_none(), "{info}");
}

#[tokio::test]
async fn oauth2_checks_every_parameter_with_wechats_wording() {
    let web = spawn().await;
    let cookie = web.wechat_browser("alice", false).await;
    let valid = [
        ("appid", OA.0),
        ("redirect_uri", OA_CB),
        ("response_type", "code"),
        ("scope", "snsapi_base"),
        ("state", "s"),
    ];
    let cases = [
        ("appid", "wxUnknown", "appid 参数错误"),
        ("appid", WEB.0, "Scope 参数错误或没有 Scope 权限"),
        ("appid", APP.0, "Scope 参数错误或没有 Scope 权限"),
        ("scope", "snsapi_login", "Scope 参数错误或没有 Scope 权限"),
        (
            "redirect_uri",
            "http://m.example.com/wx/callback",
            "redirect_uri 参数错误",
        ),
        (
            "redirect_uri",
            "https://example.com/wx/callback",
            "redirect_uri 参数错误",
        ),
        (
            "redirect_uri",
            "https://evil.test/wx/callback",
            "redirect_uri 参数错误",
        ),
        ("state", "a b", "state 参数错误"),
        ("response_type", "token", "response_type 参数错误"),
    ];
    for (key, value, wording) in cases {
        let params = replaced(&valid, key, value);
        web.authorize(Some(&cookie), &params)
            .await
            .assert_refused(wording);
    }
}

#[tokio::test]
async fn the_simulated_phone_page_scans_too() {
    let web = spawn().await;
    let ticket = web.ticket("s").await;
    let phone = web.url(&format!("/sim/qr/{ticket}"));
    let page = web.send(web.http.get(&phone)).await;
    assert!(page.body.contains("id=\"allow\""));
    let done = web
        .send(
            web.http
                .post(&phone)
                .form(&[("user", "heidi"), ("decision", "allow")]),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let polled = web.control.qr_status(&ticket).await.unwrap();
    assert_eq!(polled.status, "done");
    assert!(polled.redirect.unwrap().contains("code="));
}

#[tokio::test]
async fn entering_the_wechat_browser_needs_a_user() {
    let web = spawn().await;
    let answer = web.send(web.http.get(web.url("/sim/wechat-browser"))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.set_cookie.is_none());
}
