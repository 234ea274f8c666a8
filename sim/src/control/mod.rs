//! The control API under `/sim/`: how tests play the WeChat app and bend WeChat's behaviour.
//! Also the typed [`ControlClient`] for it.

mod authorize;
mod client;
mod error;
mod faults;
mod qr;
mod types;
mod users;
mod world;

use std::sync::Arc;

use axum::routing::{get, post, put};
use axum::Router;

pub use client::{ControlClient, ControlError};
pub use types::{
    AuthorizeRequest, AuthorizeResponse, AvatarResponse, Calls, ClockAdvance, ClockView, Endpoint,
    ErrorBody, Fault, FaultRequest, FaultTarget, QrScanRequest, QrScanResponse, QrStatusView,
    RevokeRequest, RevokeResponse, Scope, UserUpdate, UserView,
};

use crate::state::Shared;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sim/authorize", post(authorize::handle))
        .route("/sim/users/{id}", put(users::put).get(users::get))
        .route("/sim/users/{id}/avatar", post(users::change_avatar))
        .route("/sim/users/{id}/revoke", post(users::revoke))
        .route("/sim/qr/{ticket}/scan", post(qr::scan))
        .route("/sim/faults", post(faults::inject).delete(faults::clear))
        .route("/sim/clock", get(world::clock))
        .route("/sim/clock/advance", post(world::advance))
        .route("/sim/calls", get(world::calls))
        .route("/sim/reset", post(world::reset))
}
