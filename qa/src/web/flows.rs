//! The automated part of the web cases: the server's web pages driven over HTTP by a
//! cookie-keeping [`Browser`], WeChat played by the simulator (its QR page, its phone, its
//! in-app browser), the app side through the core's public API.

use reqwest::Url;
use wxlogin_core::Platform;

use super::browser::{query, Browser, Page};
use crate::cases::Ids;
use crate::check::Checks;
use crate::device::Device;
use crate::env::QaEnv;
use crate::text::Text;

type Step<T> = Result<T, String>;

pub async fn run(id: i32, env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    match id {
        1 => w01_qr_new_person(env, ids, c).await,
        2 => w02_app_then_website(env, ids, c).await,
        3 => w03_qr_denied(env, ids, c).await,
        4 => w04_oa_silent(env, ids, c).await,
        5 => w05_oa_userinfo(env, ids, c).await,
        6 => w06_snapshot(env, ids, c).await,
        7 => w07_states(env, ids, c).await,
        8 => w08_expired_code(env, ids, c).await,
        9 => w09_open_redirect(env, ids, c).await,
        10 => w10_verification_file(env, c).await,
        other => Err(format!("no web case W{other}")),
    }
}

/// The site as one browser sees it.
struct Site<'e> {
    env: &'e QaEnv,
    browser: Browser,
}

impl<'e> Site<'e> {
    fn new(env: &'e QaEnv) -> Step<Self> {
        Ok(Self {
            env,
            browser: Browser::new()?,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.env.server_url())
    }

    async fn get(&self, path: &str) -> Step<Page> {
        self.browser.get(&self.url(path)).await
    }

    /// "Log in with WeChat" on the website: WeChat's QR page and its ticket.
    async fn start_qr(&self, path: &str) -> Step<(Page, String)> {
        let page = self.get(path).await?;
        let ticket = page
            .attribute("id=\"qr\"", "data-ticket")
            .ok_or_else(|| format!("no QR code at {}", page.url))?;
        Ok((page, ticket))
    }

    /// The phone scans and decides; the callback URL WeChat sends the browser to.
    async fn scan(&self, ticket: &str, user: &str, allow: bool) -> Step<String> {
        self.env
            .control
            .scan_qr(ticket, user, allow)
            .await
            .map_err(|e| format!("scan: {e}"))
    }

    /// Scans and allows, and the browser follows WeChat back to the site.
    async fn qr_login(&self, user: &str, path: &str) -> Step<Page> {
        let (_, ticket) = self.start_qr(path).await?;
        let callback = self.scan(&ticket, user, true).await?;
        self.browser.get(&callback).await
    }

    /// Inside WeChat's in-app browser as `user` (`&snapshot=1` in `browser_query` for a
    /// Moments snapshot), the official account's login link (`start` with its query).
    async fn oa_login(&self, user: &str, browser_query: &str, start: &str) -> Step<Page> {
        let enter = format!(
            "{}/sim/wechat-browser?{}{browser_query}",
            self.env.sim_url,
            query_pair("user", user)
        );
        self.browser.get(&enter).await?;
        self.get(start).await
    }

    /// The bind page's two forms: send the captcha, read the SMS, bind.
    async fn bind(&self, page: &Page, mobile: &str) -> Step<Page> {
        let csrf = hidden(page, "csrf")?;
        let return_to = hidden(page, "return_to")?;
        let sent = self
            .browser
            .post_form(
                &self.url("/web/bind/captcha"),
                &[
                    ("csrf", &csrf),
                    ("return_to", &return_to),
                    ("mobile", mobile),
                ],
            )
            .await?;
        if !sent.has("notice") {
            return Err(format!("no captcha sent: {}", excerpt(&sent)));
        }
        let captcha = self.env.last_sms(mobile).await?;
        self.browser
            .post_form(
                &self.url("/web/bind"),
                &[
                    ("csrf", &csrf),
                    ("return_to", &return_to),
                    ("mobile", mobile),
                    ("captcha", &captcha),
                ],
            )
            .await
    }

    async fn logout(&self, home: &Page) -> Step<Page> {
        let csrf = hidden(home, "csrf")?;
        self.browser
            .post_form(&self.url("/web/logout"), &[("csrf", &csrf)])
            .await
    }
}

fn hidden(page: &Page, name: &str) -> Step<String> {
    page.attribute(&format!("name=\"{name}\""), "value")
        .ok_or_else(|| format!("no {name} field at {}", page.url))
}

/// The start of a page's text, for an error message.
fn excerpt(page: &Page) -> String {
    let text: String = page.body.chars().take(300).collect();
    format!("{} {}: {text}", page.status, page.url)
}

/// The signed-in home's account number, if the page is it.
fn signed_in_id(page: &Page) -> Option<String> {
    page.has("signed-in")
        .then(|| page.text("user-id"))
        .flatten()
}

fn check_signed_in(c: &mut Checks, label: (&str, &str), page: &Page) {
    c.is(
        Text::new(label.0, label.1),
        &page.url.to_string(),
        Text::new("已登录的首页", "the signed-in home"),
        page.has("signed-in"),
    );
}

fn check_error(c: &mut Checks, label: (&str, &str), page: &Page, reason: &str) {
    let got = page.attribute("id=\"error\"", "data-reason");
    c.eq(Text::new(label.0, label.1), got, Some(reason.to_owned()));
}

async fn w01_qr_new_person(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let (qr, ticket) = site.start_qr("/web/qr/start").await?;
    let redirect_uri = query(&qr.url, "redirect_uri").unwrap_or_default();
    let on_site = Url::parse(&redirect_uri)
        .map(|u| u.origin() == Url::parse(&env.server_url()).unwrap_or(u.clone()).origin())
        .unwrap_or(false);
    c.is(
        (
            "登录跳到微信扫码页,redirect_uri 在本站",
            "the login goes to WeChat's QR page, redirect_uri on this site",
        ),
        &redirect_uri,
        Text::new("本站的回调地址", "a callback on this site"),
        qr.url.path() == "/connect/qrconnect" && on_site,
    );
    let callback = site.scan(&ticket, &ids.user("qr"), true).await?;
    let bind = site.browser.get(&callback).await?;
    c.eq(
        (
            "新用户被要求绑定手机号",
            "a new person is asked for a phone",
        ),
        bind.has("bind-form"),
        true,
    );
    let mobile = ids.mobile(1);
    let home = site.bind(&bind, &mobile).await?;
    check_signed_in(c, ("绑定后已登录", "signed in after binding"), &home);
    c.eq(
        ("显示绑定的手机号", "the bound phone shows"),
        home.text("mobile"),
        Some(mobile),
    );
    let unionid = home.text("unionid").unwrap_or_default();
    c.is(
        ("账号带有 unionid", "the account has the unionid"),
        &unionid,
        Text::new("一个 unionid", "a unionid"),
        !unionid.is_empty(),
    );
    Ok(())
}

async fn w02_app_then_website(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let user = ids.user("both");
    let device = Device::new(env, Platform::Android).await?;
    let account = device.register_by_wechat(&user, &ids.mobile(1)).await?;
    let site = Site::new(env)?;
    let home = site.qr_login(&user, "/web/qr/start").await?;
    c.eq(
        (
            "网站直接登录,不要求手机号",
            "the website signs in at once, no phone asked",
        ),
        home.went_through("/web/bind"),
        false,
    );
    c.eq(
        ("与 App 是同一个账号", "the app's account"),
        signed_in_id(&home),
        Some(account.id.to_string()),
    );
    c.eq(
        ("unionid 与 App 相同", "the app's unionid"),
        home.text("unionid"),
        account.wechat_union_id,
    );
    Ok(())
}

async fn w03_qr_denied(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let (_, ticket) = site.start_qr("/web/qr/start").await?;
    let callback = site.scan(&ticket, &ids.user("no"), false).await?;
    let url = Url::parse(&callback).map_err(|e| format!("{callback}: {e}"))?;
    c.eq(
        ("拒绝时微信不带 code", "a refusal carries no code"),
        query(&url, "code"),
        None,
    );
    let page = site.browser.get(&callback).await?;
    c.eq(
        ("网站显示已拒绝", "the site shows the refusal"),
        page.has("denied"),
        true,
    );
    c.eq(
        ("没有登录", "nobody is signed in"),
        page.has("signed-in"),
        false,
    );
    let retry = page
        .attribute("id=\"retry\"", "href")
        .ok_or_else(|| format!("no retry link: {}", excerpt(&page)))?;
    let again = site.get(&retry).await?;
    c.eq(
        ("重试回到扫码页", "retry leads back to the QR page"),
        again.has("qr"),
        true,
    );
    Ok(())
}

async fn w04_oa_silent(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let user = ids.user("oa");
    let bind = site.oa_login(&user, "", "/web/oa/start").await?;
    c.eq(
        (
            "静默授权直接到关联手机号页(无授权页)",
            "silent authorization, straight to the phone page (no consent)",
        ),
        bind.has("bind-form"),
        true,
    );
    let home = site.bind(&bind, &ids.mobile(1)).await?;
    check_signed_in(c, ("关联后已登录", "signed in after associating"), &home);
    let first = signed_in_id(&home);
    site.logout(&home).await?;
    let again = site.get("/web/oa/start").await?;
    c.eq(
        (
            "下次直接登录到同一账号",
            "the next visit signs in to the same account",
        ),
        signed_in_id(&again),
        first,
    );
    c.eq(
        ("下次不再询问手机号", "no phone question the next time"),
        again.went_through("/web/bind"),
        false,
    );
    Ok(())
}

async fn w05_oa_userinfo(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let consent = site
        .oa_login(&ids.user("info"), "", "/web/oa/start?scope=snsapi_userinfo")
        .await?;
    c.eq(
        ("第一次出现授权页", "the consent page shows the first time"),
        consent.has("allow"),
        true,
    );
    let id = hidden(&consent, "consent")?;
    let confirm = format!("{}/connect/oauth2/authorize/confirm", env.sim_url);
    let bind = site
        .browser
        .post_form(&confirm, &[("consent", &id), ("decision", "allow")])
        .await?;
    let home = site.bind(&bind, &ids.mobile(1)).await?;
    check_signed_in(
        c,
        (
            "允许并关联后已登录",
            "signed in after allowing and associating",
        ),
        &home,
    );
    let first = signed_in_id(&home);
    site.logout(&home).await?;
    let again = site.get("/web/oa/start?scope=snsapi_userinfo").await?;
    c.eq(
        (
            "第二次不再出现授权页,直接登录",
            "no consent page the second time, signed in",
        ),
        signed_in_id(&again),
        first,
    );
    Ok(())
}

async fn w06_snapshot(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let page = site
        .oa_login(&ids.user("snap"), "&snapshot=1", "/web/oa/start")
        .await?;
    c.eq(
        (
            "快照页用户看到提示页",
            "the snapshot visitor sees the notice",
        ),
        page.has("snapshot"),
        true,
    );
    let home = site.get("/web/").await?;
    c.eq(
        ("没有登录", "nobody is signed in"),
        home.has("signed-in"),
        false,
    );
    Ok(())
}

/// A callback URL of a started QR login, the scan allowed, not followed.
async fn allowed_callback(site: &Site<'_>, user: &str) -> Step<String> {
    let (_, ticket) = site.start_qr("/web/qr/start").await?;
    site.scan(&ticket, user, true).await
}

async fn w07_states(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let user = ids.user("state");
    let device = Device::new(env, Platform::Android).await?;
    device.register_by_wechat(&user, &ids.mobile(1)).await?;

    let site = Site::new(env)?;
    let callback = allowed_callback(&site, &user).await?;
    let mut forged = Url::parse(&callback).map_err(|e| format!("{callback}: {e}"))?;
    let pairs: Vec<(String, String)> = forged
        .query_pairs()
        .map(|(k, v)| {
            let value = if k == "state" {
                "forged0123456789".to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), value)
        })
        .collect();
    forged.query_pairs_mut().clear().extend_pairs(pairs);
    let page = site.browser.get(forged.as_str()).await?;
    check_error(
        c,
        ("伪造的 state 被拒绝", "a forged state is refused"),
        &page,
        "state",
    );

    let site = Site::new(env)?;
    let callback = allowed_callback(&site, &user).await?;
    let first = site.browser.get(&callback).await?;
    check_signed_in(c, ("正常回调登录", "the genuine callback signs in"), &first);
    let replayed = site.browser.get(&callback).await?;
    check_error(
        c,
        ("重放的回调被拒绝", "a replayed callback is refused"),
        &replayed,
        "state",
    );

    let started = Site::new(env)?;
    let callback = allowed_callback(&started, &user).await?;
    let other = Site::new(env)?;
    let page = other.browser.get(&callback).await?;
    check_error(
        c,
        (
            "在另一个浏览器中打开被拒绝",
            "opened in another browser, refused",
        ),
        &page,
        "state",
    );
    c.eq(
        ("另一个浏览器没有登录", "the other browser is not signed in"),
        page.has("signed-in"),
        false,
    );
    Ok(())
}

async fn w08_expired_code(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let site = Site::new(env)?;
    let callback = allowed_callback(&site, &ids.user("late")).await?;
    env.control
        .advance_clock(301)
        .await
        .map_err(|e| format!("simulator clock: {e}"))?;
    let page = site.browser.get(&callback).await?;
    check_error(
        c,
        ("过期的 code 被拒绝", "an expired code is refused"),
        &page,
        "code",
    );
    c.eq(("提供重试", "a retry is offered"), page.has("retry"), true);
    Ok(())
}

async fn w09_open_redirect(env: &QaEnv, ids: &Ids, c: &mut Checks) -> Step<()> {
    let user = ids.user("redir");
    let device = Device::new(env, Platform::Android).await?;
    device.register_by_wechat(&user, &ids.mobile(1)).await?;
    let server = Url::parse(&env.server_url()).map_err(|e| e.to_string())?;
    for target in ["https://evil.test/", "//evil.test/", "/\\evil.test/"] {
        let site = Site::new(env)?;
        let path = format!("/web/qr/start?{}", query_pair("return_to", target));
        let page = site.qr_login(&user, &path).await?;
        let stayed = page.url.origin() == server.origin() && page.has("signed-in");
        c.is(
            Text::same(format!("return_to={target}")),
            &page.url.to_string(),
            Text::new("留在本站首页", "stays on the site's home"),
            stayed,
        );
    }
    Ok(())
}

/// `key=value`, form-encoded.
fn query_pair(key: &str, value: &str) -> String {
    let mut url = Url::parse("http://x/").expect("a valid URL");
    url.query_pairs_mut().append_pair(key, value);
    url.query().unwrap_or_default().to_owned()
}

async fn w10_verification_file(env: &QaEnv, c: &mut Checks) -> Step<()> {
    let http = &env.http;
    if let Some(token) = &env.mp_verify_token {
        let response = http
            .get(format!("{}/MP_verify_{token}.txt", env.server_url()))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let plain = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain"));
        c.eq(
            ("校验文件是 text/plain", "the file is text/plain"),
            plain,
            true,
        );
        let body = response.text().await.map_err(|e| e.to_string())?;
        c.eq(
            ("校验文件内容是 token", "the file holds the token"),
            body,
            token.clone(),
        );
    }
    let other = http
        .get(format!("{}/MP_verify_notTheToken0.txt", env.server_url()))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    c.eq(
        ("其他文件名 404", "any other name is 404"),
        other.status().as_u16().to_string(),
        "404".to_owned(),
    );
    Ok(())
}
