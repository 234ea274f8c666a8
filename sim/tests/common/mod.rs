//! A simulator on a real socket plus a deliberately naive WeChat client: it reads the body as
//! text and parses JSON itself, whatever the content type, as a correct client must.

#![allow(dead_code)]

use reqwest::StatusCode;
use serde_json::Value;
use wxlogin_sim::control::{ControlClient, Scope};
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

/// Two apps of account "acme" and one of account "other".
pub const APP_A: (&str, &str) = ("wxA0000000000001", "secret-a");
pub const APP_B: (&str, &str) = ("wxB0000000000002", "secret-b");
pub const APP_C: (&str, &str) = ("wxC0000000000003", "secret-c");

pub struct Sim {
    pub handle: SimHandle,
    pub control: ControlClient,
    pub http: reqwest::Client,
}

/// What came back from a WeChat endpoint.
pub struct Raw {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Raw {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {:?}", self.body))
    }

    /// The errcode of an error body, 0 for a success without one.
    pub fn errcode(&self) -> i64 {
        self.json()["errcode"].as_i64().unwrap_or(0)
    }
}

pub async fn spawn() -> Sim {
    let config = SimConfig::default()
        .with_app(AppConfig::new(APP_A.0, APP_A.1, "acme"))
        .with_app(AppConfig::new(APP_B.0, APP_B.1, "acme"))
        .with_app(AppConfig::new(APP_C.0, APP_C.1, "other"));
    let handle = Simulator::new(config).spawn("127.0.0.1:0").await.unwrap();
    let control = handle.control().unwrap();
    Sim {
        handle,
        control,
        http: reqwest::Client::new(),
    }
}

impl Sim {
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Raw {
        let url = format!("{}{path}", self.handle.base_url());
        let response = self.http.get(url).query(query).send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.text().await.unwrap();
        Raw {
            status,
            content_type,
            body,
        }
    }

    pub async fn code(&self, app: (&str, &str), user: &str, scope: Scope) -> String {
        self.control.authorize(app.0, user, scope).await.unwrap()
    }

    pub async fn exchange(&self, app: (&str, &str), code: &str) -> Raw {
        self.get(
            "/sns/oauth2/access_token",
            &[
                ("appid", app.0),
                ("secret", app.1),
                ("code", code),
                ("grant_type", "authorization_code"),
            ],
        )
        .await
    }

    /// Authorize + exchange: the token response of a fresh grant.
    pub async fn login(&self, app: (&str, &str), user: &str, scope: Scope) -> Value {
        let code = self.code(app, user, scope).await;
        let raw = self.exchange(app, &code).await;
        assert_eq!(raw.errcode(), 0, "{}", raw.body);
        raw.json()
    }

    pub async fn refresh(&self, appid: &str, refresh_token: &str) -> Raw {
        self.get(
            "/sns/oauth2/refresh_token",
            &[
                ("appid", appid),
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
        )
        .await
    }

    pub async fn auth(&self, access_token: &str, openid: &str) -> Raw {
        self.get(
            "/sns/auth",
            &[("access_token", access_token), ("openid", openid)],
        )
        .await
    }

    pub async fn userinfo(&self, access_token: &str, openid: &str) -> Raw {
        self.get(
            "/sns/userinfo",
            &[
                ("access_token", access_token),
                ("openid", openid),
                ("lang", "zh_CN"),
            ],
        )
        .await
    }
}

pub fn s(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}
