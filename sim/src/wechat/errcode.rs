//! WeChat's error answers: `{"errcode":N,"errmsg":"..."}` with the messages WeChat sends.

/// One WeChat error, as the `/sns/` endpoints report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WxError {
    SystemBusy,
    InvalidCredential,
    InvalidGrantType,
    InvalidOpenid,
    InvalidAppid,
    InvalidCode,
    InvalidRefreshToken,
    InvalidArgs,
    InvalidAppSecret,
    CodeBeenUsed,
    AccessTokenMissing,
    AppidMissing,
    RefreshTokenMissing,
    AppSecretMissing,
    CodeMissing,
    OpenidMissing,
    AccessTokenExpired,
    RefreshTokenExpired,
    CodeExpired,
    UserRevoked,
    ApiUnauthorized,
}

impl WxError {
    pub(crate) fn errcode(self) -> i64 {
        match self {
            Self::SystemBusy => -1,
            Self::InvalidCredential => 40001,
            Self::InvalidGrantType => 40002,
            Self::InvalidOpenid => 40003,
            Self::InvalidAppid => 40013,
            Self::InvalidCode => 40029,
            Self::InvalidRefreshToken => 40030,
            Self::InvalidArgs => 40097,
            Self::InvalidAppSecret => 40125,
            Self::CodeBeenUsed => 40163,
            Self::AccessTokenMissing => 41001,
            Self::AppidMissing => 41002,
            Self::RefreshTokenMissing => 41003,
            Self::AppSecretMissing => 41004,
            Self::CodeMissing => 41008,
            Self::OpenidMissing => 41009,
            Self::AccessTokenExpired => 42001,
            Self::RefreshTokenExpired => 42002,
            Self::CodeExpired => 42003,
            Self::UserRevoked => 42007,
            Self::ApiUnauthorized => 48001,
        }
    }
}

/// WeChat's message for an errcode; injected faults may name codes this enum lacks.
pub(crate) fn errmsg_for(errcode: i64) -> &'static str {
    match errcode {
        -1 => "system error",
        40001 => "invalid credential, access_token is invalid or not latest",
        40002 => "invalid grant_type",
        40003 => "invalid openid",
        40013 => "invalid appid",
        40029 => "invalid code",
        40030 => "invalid refresh_token",
        40097 => "invalid args",
        40125 => "invalid appsecret",
        40163 => "code been used",
        41001 => "access_token missing",
        41002 => "appid missing",
        41003 => "refresh_token missing",
        41004 => "appsecret missing",
        41008 => "missing code",
        41009 => "missing openid",
        42001 => "access_token expired",
        42002 => "refresh_token expired",
        42003 => "code expired",
        42007 => "access_token and refresh_token exception",
        45011 => "api minute-quota reach limit  mustslower  retry next minute",
        48001 => "api unauthorized",
        _ => "system error",
    }
}
