//! The web flows: QR login on a website (`qrconnect`) and official-account pages
//! (`oauth2/authorize`), sharing the app flow's state machinery.

mod redirect;
mod request;

use crate::support::redact::Hidden;

pub(crate) use redirect::parse_redirect;
pub(crate) use request::{authorize_url, validate_redirect_uri};

/// Which web authorization page to send the user to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WebFlow {
    /// Website QR login: `open.weixin.qq.com/connect/qrconnect`, scope `snsapi_login`.
    QrConnect,
    /// A page inside WeChat's browser (official account / 公众号):
    /// `open.weixin.qq.com/connect/oauth2/authorize`.
    OfficialAccount { scope: OfficialAccountScope },
}

/// The official-account scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OfficialAccountScope {
    /// `snsapi_base`: silent, yields the openid only.
    Base,
    /// `snsapi_userinfo`: a consent page, yields the profile too.
    UserInfo,
}

/// A web authorization to open in a browser or web view.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct WebAuthRequest {
    /// The full authorization URL, `#wechat_redirect` included.
    pub url: String,
    /// The state inside `url`, for apps that also keep it server-side.
    pub state: String,
}

impl std::fmt::Debug for WebAuthRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL carries the state too.
        f.debug_struct("WebAuthRequest")
            .field("url", &Hidden)
            .field("state", &Hidden)
            .finish()
    }
}

impl WebFlow {
    pub(crate) fn endpoint(self) -> &'static str {
        match self {
            WebFlow::QrConnect => "https://open.weixin.qq.com/connect/qrconnect",
            WebFlow::OfficialAccount { .. } => {
                "https://open.weixin.qq.com/connect/oauth2/authorize"
            }
        }
    }

    pub(crate) fn scope(self) -> &'static str {
        match self {
            WebFlow::QrConnect => "snsapi_login",
            WebFlow::OfficialAccount {
                scope: OfficialAccountScope::Base,
            } => "snsapi_base",
            WebFlow::OfficialAccount {
                scope: OfficialAccountScope::UserInfo,
            } => "snsapi_userinfo",
        }
    }
}
