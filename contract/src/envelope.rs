//! The seed's response envelope: `{"code":0,"msg":"成功","data":{...}}`.

use serde::{Deserialize, Serialize};

use crate::ApiCode;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// 0 on success, an [`ApiCode`] number otherwise.
    pub code: i32,
    /// A human-readable message; clients switch on `code`, never on this text.
    pub msg: String,
    /// The payload on success; `null` (or absent) on failure, except where an error
    /// carries details (e.g. `retry_after_s` of a rate limit).
    #[serde(default)]
    pub data: Option<T>,
}

impl<T> Envelope<T> {
    pub fn ok(data: T) -> Self {
        Self {
            code: 0,
            msg: "成功".to_owned(),
            data: Some(data),
        }
    }

    pub fn error(code: ApiCode, msg: impl Into<String>) -> Self {
        Self {
            code: code.number(),
            msg: msg.into(),
            data: None,
        }
    }

    /// The error code, if this is not a success.
    pub fn api_code(&self) -> Option<ApiCode> {
        (self.code != 0).then(|| ApiCode::from_number(self.code))
    }
}
