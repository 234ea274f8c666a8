//! The phone's side of website QR login: scanning a ticket and tapping allow or deny. Both
//! the control API (`POST /sim/qr/{ticket}/scan`) and the simulated phone page use it.

use crate::control::Scope;
use crate::state::{Authorization, ScanError, Shared};

use super::redirect;

/// `user` scans `ticket`; with `allow` set they also decide. Returns where the login page
/// goes once decided (`None` while only scanned).
pub(crate) fn scan(
    shared: &Shared,
    ticket: &str,
    user: &str,
    allow: Option<bool>,
) -> Result<Option<String>, ScanError> {
    let mut world = shared.world();
    let now = world.clock.now();
    let request = world.web.scan(ticket, user, now)?;
    world.users.get_or_create(user);
    let redirect = match allow {
        None => return Ok(None),
        Some(false) => redirect::denied(&request),
        Some(true) => {
            let app = shared
                .config
                .app(&request.appid)
                .ok_or(ScanError::Unknown)?;
            let authorization = Authorization {
                appid: request.appid.clone(),
                user: user.to_owned(),
                scope: Scope::SnsapiLogin,
                snapshot: false,
            };
            let code = world.issue_code(app, &shared.config.lifetimes, authorization);
            redirect::allowed(&request, &code)
        }
    };
    world.web.finish(ticket, redirect.clone());
    Ok(Some(redirect))
}
