//! Query-string handling shared by the endpoints.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;

use super::WxError;

/// The parsed query, or WeChat's "invalid args" when it is not even a query string.
pub(crate) fn parsed<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, WxError> {
    query.map(|Query(q)| q).map_err(|_| WxError::InvalidArgs)
}

/// A required parameter; WeChat treats `code=` like no `code` at all.
pub(crate) fn required(value: Option<String>, missing: WxError) -> Result<String, WxError> {
    value.filter(|v| !v.is_empty()).ok_or(missing)
}
