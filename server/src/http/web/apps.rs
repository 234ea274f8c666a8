//! The web channels' WeChat apps, from the configuration.

use crate::config::WebConfig;
use crate::wechat::WechatClient;

/// Which web channel a login goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Website QR login: an open-platform website app, `qrconnect`, `snsapi_login`.
    Website,
    /// Official-account web authorization: `oauth2/authorize`.
    OfficialAccount,
}

impl Channel {
    /// The name in paths (`/web/qr/…`, `/web/oa/…`) and in the state table.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Website => "qr",
            Channel::OfficialAccount => "oa",
        }
    }

    pub fn start_path(self) -> String {
        format!("/web/{}/start", self.name())
    }

    pub fn callback_path(self) -> String {
        format!("/web/{}/callback", self.name())
    }
}

/// One web channel's app: its AppID and a WeChat client holding its AppSecret.
#[derive(Clone)]
pub struct WebApp {
    pub app_id: String,
    pub client: WechatClient,
}

/// Everything the web routes need to know beyond the shared state.
pub struct WebApps {
    /// This site's origin, without a trailing slash.
    pub public_url: String,
    /// WeChat's authorization pages' origin, without a trailing slash.
    pub web_base: String,
    /// Cookies get `Secure` (the public URL is https).
    pub secure: bool,
    pub website: Option<WebApp>,
    pub official_account: Option<WebApp>,
    pub mp_verify_token: Option<String>,
    pub state_ttl_s: u32,
}

impl WebApps {
    /// The web channels of `config`, or why they cannot run. `api_base` is WeChat's
    /// `/sns/` API, shared with the mobile app.
    pub fn from_config(config: &WebConfig, api_base: &str) -> Result<Self, String> {
        let app = |id: &Option<String>, secret: &Option<String>| -> Result<_, String> {
            match (id, secret) {
                (Some(app_id), Some(secret)) => Ok(Some(WebApp {
                    app_id: app_id.clone(),
                    client: WechatClient::new(api_base, app_id, secret)
                        .map_err(|e| e.to_string())?,
                })),
                _ => Ok(None),
            }
        };
        let website = app(&config.website_app_id, &config.website_app_secret)?;
        let official_account = app(&config.oa_app_id, &config.oa_app_secret)?;
        let public_url = config
            .public_url
            .as_deref()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        if (website.is_some() || official_account.is_some())
            && !(public_url.starts_with("https://") || public_url.starts_with("http://"))
        {
            return Err(
                "a website app or an official account needs --public-url (http:// or https://)"
                    .into(),
            );
        }
        if let Some(token) = &config.mp_verify_token {
            if token.is_empty() || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err("--mp-verify-token must be letters and digits".into());
            }
        }
        Ok(Self {
            secure: public_url.starts_with("https://"),
            public_url,
            web_base: config.wechat_web_base.trim_end_matches('/').to_owned(),
            website,
            official_account,
            mp_verify_token: config.mp_verify_token.clone(),
            state_ttl_s: config.web_state_ttl_s,
        })
    }

    /// Whether any web login channel is configured.
    pub fn has_login(&self) -> bool {
        self.website.is_some() || self.official_account.is_some()
    }

    pub fn app(&self, channel: Channel) -> Option<&WebApp> {
        match channel {
            Channel::Website => self.website.as_ref(),
            Channel::OfficialAccount => self.official_account.as_ref(),
        }
    }

    /// The channel an identity's web app belongs to.
    pub fn channel_of(&self, app_id: &str) -> Option<(Channel, &WebApp)> {
        [Channel::Website, Channel::OfficialAccount]
            .into_iter()
            .find_map(|c| self.app(c).filter(|a| a.app_id == app_id).map(|a| (c, a)))
    }
}
