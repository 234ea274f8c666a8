//! The web home page (who is signed in), signing out, and the official account's
//! domain-verification file.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Form;
use serde::Deserialize;

use super::{cookies, csrf, pages, Reply};
use crate::accounts;
use crate::http::AppState;
use crate::sessions;

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let web = &state.web;
    let user = match signed_in_user(&state, &headers).await {
        Ok(user) => user,
        Err(err) => return err.into(),
    };
    match user {
        Some(user) => {
            let (token, set_cookie) = csrf::token(&headers, web.secure);
            Reply::page(StatusCode::OK, pages::signed_in(&user, &token)).cookies(set_cookie)
        }
        None => Reply::page(
            StatusCode::OK,
            pages::signed_out(web.website.is_some(), web.official_account.is_some()),
        ),
    }
}

async fn signed_in_user(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<accounts::UserRow>, sqlx::Error> {
    let Some(token) = cookies::read(headers, cookies::SESSION) else {
        return Ok(None);
    };
    match sessions::user_of(&state.db, &token).await? {
        Some(id) => accounts::load_user(&state.db.pool, id).await,
        None => Ok(None),
    }
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// Ends the session and removes its cookie.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<LogoutForm>, FormRejection>,
) -> Reply {
    let valid = form.is_ok_and(|Form(form)| csrf::valid(&headers, &form.csrf));
    if !valid {
        return Reply::page(StatusCode::BAD_REQUEST, pages::failure("form", "/web/"));
    }
    if let Some(token) = cookies::read(&headers, cookies::SESSION) {
        if let Err(err) = sessions::end(&state.db, &token).await {
            return err.into();
        }
    }
    Reply::see_other("/web/".into()).cookie(cookies::clear(cookies::SESSION, state.web.secure))
}

/// `MP_verify_<token>.txt`, which WeChat fetches from the site root to verify the
/// official account's authorization domain; its content is the token.
pub async fn mp_verify(State(state): State<AppState>) -> impl IntoResponse {
    let token = state.web.mp_verify_token.clone().unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], token)
}
