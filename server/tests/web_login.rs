//! The web channels over HTTP, as a browser drives them: website QR login and
//! official-account login against the simulator, with a cookie-keeping client that
//! follows no redirect by itself (each hop is checked).

mod common;

use std::collections::HashMap;

use common::{start_web, start_web_with, Env, OA_APP_ID, OA_SECRET, WEBSITE_APP_ID};
use serde_json::json;
use wxlogin_sim::control::Scope;

/// A browser: a cookie jar for the server's origin, no automatic redirects.
struct Browser {
    http: reqwest::Client,
    jar: HashMap<String, String>,
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
    set_cookies: Vec<String>,
}

impl Page {
    /// The value of `attribute` on the element with `id`, e.g. a hidden input's value.
    fn value_of(&self, id: &str, attribute: &str) -> Option<String> {
        let start = self.body.find(&format!("id=\"{id}\""))?;
        let tag_start = self.body[..start].rfind('<')?;
        let tag_end = start + self.body[start..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let needle = format!("{attribute}=\"");
        let at = tag.find(&needle)? + needle.len();
        Some(tag[at..at + tag[at..].find('"')?].to_owned())
    }

    /// The text inside the element with `id` (up to its first child's end).
    fn text_of(&self, id: &str) -> Option<String> {
        let start = self.body.find(&format!("id=\"{id}\""))?;
        let open_end = start + self.body[start..].find('>')? + 1;
        let close = open_end + self.body[open_end..].find('<')?;
        Some(self.body[open_end..close].to_owned())
    }

    fn has(&self, id: &str) -> bool {
        self.body.contains(&format!("id=\"{id}\""))
    }

    /// The forms' hidden CSRF token.
    fn csrf(&self) -> String {
        let rest = self
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .expect("a form with a csrf field");
        rest[..rest.find('"').unwrap()].to_owned()
    }

    fn reason(&self) -> Option<String> {
        self.value_of("error", "data-reason")
    }
}

impl Browser {
    fn new() -> Self {
        Self {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let request = if self.jar.is_empty() {
            request
        } else {
            request.header("cookie", self.cookie_header())
        };
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        let set_cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for cookie in &set_cookies {
            let pair = cookie.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || cookie.contains("Max-Age=0") {
                self.jar.remove(name);
            } else {
                self.jar.insert(name.to_owned(), value.to_owned());
            }
        }
        let body = response.text().await.unwrap();
        Page {
            status,
            location,
            body,
            set_cookies,
        }
    }

    async fn get(&mut self, url: &str) -> Page {
        let request = self.http.get(url);
        self.send(request).await
    }

    async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> Page {
        let request = self.http.post(url).form(form);
        self.send(request).await
    }
}

/// The query parameters of a URL (the fragment dropped).
fn query_of(url: &str) -> HashMap<String, String> {
    let url = reqwest::Url::parse(url).unwrap();
    url.query_pairs().into_owned().collect()
}

/// Starts a login on `channel` ("qr" or "oa"); returns the state sent to WeChat.
async fn start(env: &Env, browser: &mut Browser, channel: &str, extra: &str) -> String {
    let page = browser
        .get(&env.url(&format!("/web/{channel}/start{extra}")))
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    let location = page.location.unwrap();
    assert!(location.ends_with("#wechat_redirect"), "{location}");
    query_of(&location)["state"].clone()
}

/// WeChat's redirect back with `code` (and the state).
async fn callback(
    env: &Env,
    browser: &mut Browser,
    channel: &str,
    code: &str,
    state: &str,
) -> Page {
    browser
        .get(&env.url(&format!(
            "/web/{channel}/callback?code={code}&state={state}"
        )))
        .await
}

/// The phone page: a captcha sent and read from the dev SMS endpoint, then the binding.
async fn bind_phone(env: &Env, browser: &mut Browser, mobile: &str) -> Page {
    let page = browser.get(&env.url("/web/bind")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page.csrf();
    let sent = browser
        .post(
            &env.url("/web/bind/captcha"),
            &[("csrf", &csrf), ("mobile", mobile)],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.has("notice"), "{}", sent.body);
    let captcha = env
        .get(&format!("/dev/sms?mobile={mobile}"), None)
        .await
        .body["captcha"]
        .as_str()
        .unwrap()
        .to_owned();
    browser
        .post(
            &env.url("/web/bind"),
            &[("csrf", &csrf), ("mobile", mobile), ("captcha", &captcha)],
        )
        .await
}

/// QR login of `user` all the way; the page the callback answered.
async fn qr_login(env: &Env, browser: &mut Browser, user: &str) -> Page {
    let state = start(env, browser, "qr", "").await;
    let code = env
        .control
        .authorize(WEBSITE_APP_ID, user, Scope::SnsapiLogin)
        .await
        .unwrap();
    callback(env, browser, "qr", &code, &state).await
}

async fn oa_login(env: &Env, browser: &mut Browser, user: &str) -> Page {
    let state = start(env, browser, "oa", "").await;
    let code = env
        .control
        .authorize(OA_APP_ID, user, Scope::SnsapiBase)
        .await
        .unwrap();
    callback(env, browser, "oa", &code, &state).await
}

/// The signed-in home page's account id.
async fn signed_in_as(env: &Env, browser: &mut Browser) -> i64 {
    let home = browser.get(&env.url("/web/")).await;
    assert!(home.has("signed-in"), "{}", home.body);
    home.text_of("user-id").unwrap().parse().unwrap()
}

#[tokio::test]
async fn qr_login_of_a_new_person_binds_a_phone_then_signs_in_directly() {
    let env = start_web().await;
    let mut browser = Browser::new();
    let page = browser.get(&env.url("/web/qr/start")).await;
    let location = page.location.clone().unwrap();
    assert!(
        location.starts_with(&format!("{}/connect/qrconnect?", env.sim.base_url())),
        "{location}"
    );
    let query = query_of(&location);
    assert_eq!(query["appid"], WEBSITE_APP_ID);
    assert_eq!(query["scope"], "snsapi_login");
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["redirect_uri"], env.url("/web/qr/callback"));
    let state_cookie = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("wxlogin_state="))
        .expect("state cookie");
    assert!(
        state_cookie.contains("HttpOnly") && state_cookie.contains("SameSite=Lax"),
        "{state_cookie}"
    );
    assert!(
        !state_cookie.contains(&query["state"]),
        "the cookie is not the state"
    );

    let code = env
        .control
        .authorize(WEBSITE_APP_ID, "alice", Scope::SnsapiLogin)
        .await
        .unwrap();
    let page = callback(&env, &mut browser, "qr", &code, &query["state"]).await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (303, Some("/web/bind"))
    );
    let bound = bind_phone(&env, &mut browser, "13800138001").await;
    assert_eq!(
        (bound.status, bound.location.as_deref()),
        (303, Some("/web/")),
        "{}",
        bound.body
    );
    assert!(bound
        .set_cookies
        .iter()
        .any(|c| c.starts_with("wxlogin_session=") && c.contains("HttpOnly")));
    let home = browser.get(&env.url("/web/")).await;
    assert_eq!(home.text_of("mobile").as_deref(), Some("13800138001"));
    let first = signed_in_as(&env, &mut browser).await;

    // The next QR login of the same person asks nothing.
    let mut other_browser = Browser::new();
    let again = qr_login(&env, &mut other_browser, "alice").await;
    assert_eq!(
        (again.status, again.location.as_deref()),
        (303, Some("/web/"))
    );
    assert_eq!(signed_in_as(&env, &mut other_browser).await, first);
}

#[tokio::test]
async fn the_app_and_the_website_reach_one_account_by_unionid() {
    let env = start_web().await;
    let token = env.bound_user("carol", "13800138002").await;
    let me = env.me(&token).await;
    let mut browser = Browser::new();
    let page = qr_login(&env, &mut browser, "carol").await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (303, Some("/web/")),
        "{}",
        page.body
    );
    assert_eq!(
        signed_in_as(&env, &mut browser).await,
        me["id"].as_i64().unwrap()
    );

    // And the other way round: website first, then the app.
    let mut browser = Browser::new();
    qr_login(&env, &mut browser, "dave").await;
    bind_phone(&env, &mut browser, "13800138003").await;
    let web_id = signed_in_as(&env, &mut browser).await;
    let login = env.wechat_login("dave").await;
    let data = login.ok();
    assert_eq!(data["is_bind"], true, "{}", login.body);
    assert_eq!(data["user"]["id"].as_i64(), Some(web_id));
    assert!(
        data["user"]["wechat_open_id"].as_str().is_some(),
        "the app's openid is kept beside the unionid: {}",
        login.body
    );
    // The app's session resumes: a WeChat bound through the website needs no app grant.
    let token = data["token"].as_str().unwrap();
    env.post("/v1/auth/resume", json!({}), Some(token))
        .await
        .ok();
}

#[tokio::test]
async fn official_account_silent_login_associates_a_phone_once() {
    let env = start_web().await;
    let mut browser = Browser::new();
    let page = browser.get(&env.url("/web/oa/start")).await;
    let query = query_of(page.location.as_deref().unwrap());
    assert!(page
        .location
        .unwrap()
        .starts_with(&format!("{}/connect/oauth2/authorize?", env.sim.base_url())));
    assert_eq!(query["scope"], "snsapi_base");
    assert_eq!(query["appid"], OA_APP_ID);
    let code = env
        .control
        .authorize(OA_APP_ID, "erin", Scope::SnsapiBase)
        .await
        .unwrap();
    let page = callback(&env, &mut browser, "oa", &code, &query["state"]).await;
    assert_eq!(page.location.as_deref(), Some("/web/bind"), "{}", page.body);
    bind_phone(&env, &mut browser, "13800138004").await;
    let id = signed_in_as(&env, &mut browser).await;

    let mut next_visit = Browser::new();
    let page = oa_login(&env, &mut next_visit, "erin").await;
    assert_eq!(page.location.as_deref(), Some("/web/"), "{}", page.body);
    assert_eq!(signed_in_as(&env, &mut next_visit).await, id);

    // userinfo on request: the consent scope goes to WeChat.
    let state_page = next_visit
        .get(&env.url("/web/oa/start?scope=snsapi_userinfo"))
        .await;
    assert_eq!(
        query_of(&state_page.location.unwrap())["scope"],
        "snsapi_userinfo"
    );
}

#[tokio::test]
async fn a_refusal_shows_a_page_with_a_retry() {
    let env = start_web().await;
    let mut browser = Browser::new();
    let state = start(&env, &mut browser, "qr", "?return_to=/shop/cart").await;
    let page = browser
        .get(&env.url(&format!("/web/qr/callback?state={state}")))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.has("denied"), "{}", page.body);
    assert_eq!(
        page.value_of("retry", "href").as_deref(),
        Some("/web/qr/start?return_to=%2Fshop%2Fcart")
    );
    assert!(!page
        .set_cookies
        .iter()
        .any(|c| c.starts_with("wxlogin_session=")));
}

#[tokio::test]
async fn forged_replayed_and_cookieless_states_are_refused() {
    let env = start_web().await;
    let mut browser = Browser::new();

    // Forged: a state this server never made.
    start(&env, &mut browser, "qr", "").await;
    let code = env
        .control
        .authorize(WEBSITE_APP_ID, "frank", Scope::SnsapiLogin)
        .await
        .unwrap();
    let forged = callback(&env, &mut browser, "qr", &code, "forgedState123").await;
    assert_eq!(
        (forged.status, forged.reason().as_deref()),
        (403, Some("state"))
    );

    // Cookie-less: a real state, carried to a browser that did not start the login
    // (the login-CSRF attack: the attacker's code and state in the victim's browser).
    let mut attacker = Browser::new();
    let state = start(&env, &mut attacker, "qr", "").await;
    let mut victim = Browser::new();
    let page = callback(&env, &mut victim, "qr", &code, &state).await;
    assert_eq!(
        (page.status, page.reason().as_deref()),
        (403, Some("state"))
    );
    assert!(!page
        .set_cookies
        .iter()
        .any(|c| c.starts_with("wxlogin_session=")));
    // ... and the state is spent: the attacker cannot use it either.
    let page = callback(&env, &mut attacker, "qr", &code, &state).await;
    assert_eq!(page.reason().as_deref(), Some("state"));

    // Replayed: a state that worked once.
    let mut browser = Browser::new();
    let state = start(&env, &mut browser, "qr", "").await;
    let code = env
        .control
        .authorize(WEBSITE_APP_ID, "frank", Scope::SnsapiLogin)
        .await
        .unwrap();
    let first = callback(&env, &mut browser, "qr", &code, &state).await;
    assert_eq!(first.status, 303, "{}", first.body);
    // the browser still holds a state cookie for a replay (the server cleared it)
    let replay = browser
        .http
        .get(env.url(&format!("/web/qr/callback?code={code}&state={state}")))
        .header("cookie", "wxlogin_state=whatever")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 403);

    // A state made for the other channel's callback.
    let mut browser = Browser::new();
    let state = start(&env, &mut browser, "oa", "").await;
    let page = callback(&env, &mut browser, "qr", &code, &state).await;
    assert_eq!(page.reason().as_deref(), Some("state"));
}

#[tokio::test]
async fn an_expired_code_asks_for_a_new_login() {
    let env = start_web().await;
    let mut browser = Browser::new();
    let state = start(&env, &mut browser, "qr", "").await;
    let code = env
        .control
        .authorize(WEBSITE_APP_ID, "grace", Scope::SnsapiLogin)
        .await
        .unwrap();
    env.control.advance_clock(601).await.unwrap();
    let page = callback(&env, &mut browser, "qr", &code, &state).await;
    assert_eq!(
        (page.status, page.reason().as_deref()),
        (400, Some("code")),
        "{}",
        page.body
    );
    assert!(page.has("retry"));
}

#[tokio::test]
async fn return_to_only_goes_to_local_paths() {
    let env = start_web().await;
    let mut browser = Browser::new();
    env.bound_user("heidi", "13800138005").await;
    for (asked, landed) in [
        ("https://evil.example/", "/web/"),
        ("//evil.example/x", "/web/"),
        ("/%5Cevil.example", "/%5Cevil.example"),
        ("/shop/cart?item=3", "/shop/cart?item=3"),
    ] {
        let extra = format!(
            "?{}",
            serde_urlencoded::to_string([("return_to", asked)]).unwrap()
        );
        let state = start(&env, &mut browser, "qr", &extra).await;
        let code = env
            .control
            .authorize(WEBSITE_APP_ID, "heidi", Scope::SnsapiLogin)
            .await
            .unwrap();
        let page = callback(&env, &mut browser, "qr", &code, &state).await;
        assert_eq!(page.location.as_deref(), Some(landed), "{asked}");
    }
}

#[tokio::test]
async fn a_snapshot_identity_gets_no_account() {
    let env = start_web().await;
    let mut browser = Browser::new();
    let state = start(&env, &mut browser, "oa", "").await;
    let code = env
        .control
        .authorize_snapshot(OA_APP_ID, "ivan", Scope::SnsapiBase)
        .await
        .unwrap();
    let page = callback(&env, &mut browser, "oa", &code, &state).await;
    assert!(page.has("snapshot"), "{}", page.body);
    assert!(!page
        .set_cookies
        .iter()
        .any(|c| c.starts_with("wxlogin_session=") || c.starts_with("wxlogin_bind=")));
    let home = browser.get(&env.url("/web/")).await;
    assert!(!home.has("signed-in"));
}

#[tokio::test]
async fn a_phone_of_another_wechat_is_refused_on_the_web_too() {
    let env = start_web().await;
    env.bound_user("judy", "13800138006").await;
    let mut browser = Browser::new();
    qr_login(&env, &mut browser, "mallory").await;
    let page = bind_phone(&env, &mut browser, "13800138006").await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert_eq!(
        page.value_of("bind-error", "data-code").as_deref(),
        Some(
            wxlogin_contract::ApiCode::PhoneBoundToOtherWechat
                .number()
                .to_string()
                .as_str()
        )
    );
    assert!(!page
        .set_cookies
        .iter()
        .any(|c| c.starts_with("wxlogin_session=")));
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let env = start_web().await;
    let mut browser = Browser::new();
    qr_login(&env, &mut browser, "niaj").await;
    browser.get(&env.url("/web/bind")).await;
    let page = browser
        .post(
            &env.url("/web/bind/captcha"),
            &[("csrf", "guess"), ("mobile", "13800138007")],
        )
        .await;
    assert_eq!((page.status, page.reason().as_deref()), (400, Some("form")));
    let sms = env.get("/dev/sms?mobile=13800138007", None).await;
    assert_ne!(sms.status, 200, "no SMS went out: {}", sms.body);
}

#[tokio::test]
async fn pages_escape_what_wechat_sends() {
    let env = start_web().await;
    env.control
        .set_user(
            "oscar",
            &wxlogin_sim::control::UserUpdate {
                nickname: Some("<script>alert(1)</script>".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut browser = Browser::new();
    qr_login(&env, &mut browser, "oscar").await;
    let page = browser.get(&env.url("/web/bind")).await;
    assert!(!page.body.contains("<script>"), "{}", page.body);
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
}

#[tokio::test]
async fn the_verification_file_is_served_at_the_root() {
    let env = start_web().await;
    let answer = reqwest::get(env.url("/MP_verify_LZajyYxePcus2bkd.txt"))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "LZajyYxePcus2bkd");
    let other = reqwest::get(env.url("/MP_verify_other.txt")).await.unwrap();
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn an_official_account_without_unionid_joins_the_account_of_the_phone() {
    let env = start_web_with(|sim| {
        sim.with_app(
            wxlogin_sim::AppConfig::official_account(OA_APP_ID, OA_SECRET, "127.0.0.1")
                .without_unionid(),
        )
    })
    .await;
    let token = env.bound_user("peggy", "13800138008").await;
    let me = env.me(&token).await;
    let mut browser = Browser::new();
    let page = oa_login(&env, &mut browser, "peggy").await;
    assert_eq!(
        page.location.as_deref(),
        Some("/web/bind"),
        "no unionid, so a phone is asked"
    );
    let bound = bind_phone(&env, &mut browser, "13800138008").await;
    assert_eq!(bound.location.as_deref(), Some("/web/"), "{}", bound.body);
    assert_eq!(
        signed_in_as(&env, &mut browser).await,
        me["id"].as_i64().unwrap()
    );
    let home = browser.get(&env.url("/web/")).await;
    assert_eq!(
        home.text_of("unionid").as_deref(),
        me["wechat_union_id"].as_str(),
        "the account keeps the unionid the app gave"
    );

    // Known by its openid from now on.
    let mut next_visit = Browser::new();
    let page = oa_login(&env, &mut next_visit, "peggy").await;
    assert_eq!(page.location.as_deref(), Some("/web/"));

    // Another person of the same official account cannot take that phone's account.
    let mut stranger = Browser::new();
    oa_login(&env, &mut stranger, "sybil").await;
    let refused = bind_phone(&env, &mut stranger, "13800138008").await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(
        refused.value_of("bind-error", "data-code").as_deref(),
        Some(
            wxlogin_contract::ApiCode::PhoneBoundToOtherWechat
                .number()
                .to_string()
                .as_str()
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_new_person_binding_two_phones_at_once_ends_with_one_account() {
    let env = start_web().await;
    let mut browsers = [Browser::new(), Browser::new()];
    let mut forms = Vec::new();
    for (browser, mobile) in browsers.iter_mut().zip(["13800138011", "13800138012"]) {
        qr_login(&env, browser, "trent").await;
        let page = browser.get(&env.url("/web/bind")).await;
        let csrf = page.csrf();
        browser
            .post(
                &env.url("/web/bind/captcha"),
                &[("csrf", &csrf), ("mobile", mobile)],
            )
            .await;
        let captcha = env
            .get(&format!("/dev/sms?mobile={mobile}"), None)
            .await
            .body["captcha"]
            .as_str()
            .unwrap()
            .to_owned();
        forms.push((mobile, csrf, captcha, browser.cookie_header()));
    }
    let sends = forms.iter().map(|(mobile, csrf, captcha, cookies)| {
        browsers[0]
            .http
            .post(env.url("/web/bind"))
            .header("cookie", cookies)
            .form(&[
                ("csrf", csrf.as_str()),
                ("mobile", mobile),
                ("captcha", captcha.as_str()),
            ])
            .send()
    });
    let statuses: Vec<u16> = futures_statuses(sends).await;
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [303, 409],
        "one binding wins, the other is refused: {statuses:?}"
    );
    let pool = {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&env.database_url).await.unwrap()
    };
    let (accounts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM web_openids WHERE app_id = $1")
        .bind(WEBSITE_APP_ID)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

/// Sends every request at once; their statuses in order.
async fn futures_statuses<F>(sends: impl Iterator<Item = F>) -> Vec<u16>
where
    F: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let tasks: Vec<_> = sends.map(tokio::spawn).collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap().unwrap().status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn a_returning_website_user_gets_the_new_nickname() {
    let env = start_web().await;
    let mut browser = Browser::new();
    qr_login(&env, &mut browser, "victor").await;
    bind_phone(&env, &mut browser, "13800138013").await;
    env.control
        .set_user(
            "victor",
            &wxlogin_sim::control::UserUpdate {
                nickname: Some("维克多".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut next = Browser::new();
    qr_login(&env, &mut next, "victor").await;
    // The refresh runs after the answer.
    for _ in 0..100 {
        let home = next.get(&env.url("/web/")).await;
        if home.text_of("wechat-name").as_deref() == Some("维克多") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the nickname was not refreshed");
}
