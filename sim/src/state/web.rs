//! What WeChat's web authorization pages remember between two requests: the QR tickets of
//! website login, the consent pages waiting for a tap, and who already agreed to which
//! official account.
//!
//! Tickets and consent pages are short-lived and capped, so a page reloaded in a loop cannot
//! grow the simulator without bound.

use std::collections::{HashMap, HashSet};

use url::Url;

use crate::control::Scope;
use crate::ids::random_token;

/// How long a QR ticket and a consent page stay usable, in simulated seconds: WeChat's pages
/// expire after a few minutes; the simulator uses the web code's 5 minutes.
pub(crate) const PAGE_SECS: u64 = 300;

/// At most this many live tickets and as many pending consent pages.
const MAX_LIVE: usize = 10_000;

/// A ticket or consent id: as unguessable as a code, since it stands for one.
const ID_LEN: usize = 32;

/// What a relying party asked an authorization page for, after every check passed.
#[derive(Debug, Clone)]
pub(crate) struct AuthRequest {
    pub(crate) appid: String,
    pub(crate) redirect_uri: Url,
    pub(crate) scope: Scope,
    pub(crate) state: String,
}

/// Where a QR login stands, as the page's polling sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QrStatus {
    Waiting,
    Scanned,
    Done,
    Expired,
}

impl QrStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Scanned => "scanned",
            Self::Done => "done",
            Self::Expired => "expired",
        }
    }
}

#[derive(Debug)]
struct Ticket {
    request: AuthRequest,
    expires_at: u64,
    scanned_by: Option<String>,
    /// Set once the person allowed or denied: where the page goes.
    redirect: Option<String>,
}

/// A consent page shown to `user`, waiting for "allow" or "deny".
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) request: AuthRequest,
    pub(crate) user: String,
    expires_at: u64,
}

/// Why a scan was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScanError {
    Unknown,
    Used,
    Expired,
}

#[derive(Debug, Default)]
pub(crate) struct WebState {
    tickets: HashMap<String, Ticket>,
    pending: HashMap<String, Pending>,
    /// (appid, user) pairs where the person tapped "allow" on the consent page.
    consents: HashSet<(String, String)>,
}

impl WebState {
    /// A new QR ticket for `request`; `None` when too many are live.
    pub(crate) fn open_ticket(&mut self, request: AuthRequest, now: u64) -> Option<String> {
        self.tickets.retain(|_, t| now < t.expires_at);
        if self.tickets.len() >= MAX_LIVE {
            return None;
        }
        let id = random_token(ID_LEN);
        let ticket = Ticket {
            request,
            expires_at: now.saturating_add(PAGE_SECS),
            scanned_by: None,
            redirect: None,
        };
        self.tickets.insert(id.clone(), ticket);
        Some(id)
    }

    /// The ticket's status and, once done, where the page goes; `None` for an unknown one.
    pub(crate) fn status(&self, id: &str, now: u64) -> Option<(QrStatus, Option<String>)> {
        let ticket = self.tickets.get(id)?;
        let status = match (&ticket.redirect, &ticket.scanned_by) {
            (Some(redirect), _) => return Some((QrStatus::Done, Some(redirect.clone()))),
            _ if now >= ticket.expires_at => QrStatus::Expired,
            (None, Some(_)) => QrStatus::Scanned,
            (None, None) => QrStatus::Waiting,
        };
        Some((status, None))
    }

    /// `user` scanned the ticket with the phone; the request it stands for, to decide on.
    pub(crate) fn scan(
        &mut self,
        id: &str,
        user: &str,
        now: u64,
    ) -> Result<AuthRequest, ScanError> {
        let ticket = self.tickets.get_mut(id).ok_or(ScanError::Unknown)?;
        if ticket.redirect.is_some() {
            return Err(ScanError::Used);
        }
        if now >= ticket.expires_at {
            return Err(ScanError::Expired);
        }
        ticket.scanned_by = Some(user.to_owned());
        Ok(ticket.request.clone())
    }

    /// The person decided; the page's next poll sends the browser to `redirect`.
    pub(crate) fn finish(&mut self, id: &str, redirect: String) {
        if let Some(ticket) = self.tickets.get_mut(id) {
            ticket.redirect = Some(redirect);
        }
    }

    /// A consent page for `user`; `None` when too many are open.
    pub(crate) fn open_consent(
        &mut self,
        request: AuthRequest,
        user: &str,
        now: u64,
    ) -> Option<String> {
        self.pending.retain(|_, p| now < p.expires_at);
        if self.pending.len() >= MAX_LIVE {
            return None;
        }
        let id = random_token(ID_LEN);
        let pending = Pending {
            request,
            user: user.to_owned(),
            expires_at: now.saturating_add(PAGE_SECS),
        };
        self.pending.insert(id.clone(), pending);
        Some(id)
    }

    /// Takes the consent page `id` (a page answers once); `None` if unknown or expired.
    pub(crate) fn take_consent(&mut self, id: &str, now: u64) -> Option<Pending> {
        self.pending.remove(id).filter(|p| now < p.expires_at)
    }

    pub(crate) fn agree(&mut self, appid: &str, user: &str) {
        self.consents.insert((appid.to_owned(), user.to_owned()));
    }

    pub(crate) fn has_agreed(&self, appid: &str, user: &str) -> bool {
        self.consents.contains(&(appid.to_owned(), user.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> AuthRequest {
        AuthRequest {
            appid: "wxW".into(),
            redirect_uri: Url::parse("https://example.com/cb").unwrap(),
            scope: Scope::SnsapiLogin,
            state: "s1".into(),
        }
    }

    #[test]
    fn a_ticket_goes_waiting_scanned_done_and_is_used_once() {
        let mut web = WebState::default();
        let id = web.open_ticket(request(), 0).unwrap();
        assert_eq!(web.status(&id, 0), Some((QrStatus::Waiting, None)));
        web.scan(&id, "alice", 1).unwrap();
        assert_eq!(web.status(&id, 1), Some((QrStatus::Scanned, None)));
        web.finish(&id, "https://example.com/cb?state=s1".into());
        let (status, redirect) = web.status(&id, 2).unwrap();
        assert_eq!(status, QrStatus::Done);
        assert_eq!(redirect.as_deref(), Some("https://example.com/cb?state=s1"));
        assert_eq!(web.scan(&id, "alice", 2).err(), Some(ScanError::Used));
        assert_eq!(web.scan("nope", "alice", 2).err(), Some(ScanError::Unknown));
    }

    #[test]
    fn a_ticket_expires_unless_done() {
        let mut web = WebState::default();
        let id = web.open_ticket(request(), 0).unwrap();
        assert_eq!(web.status(&id, PAGE_SECS).unwrap().0, QrStatus::Expired);
        assert_eq!(
            web.scan(&id, "alice", PAGE_SECS).err(),
            Some(ScanError::Expired)
        );
    }

    #[test]
    fn a_consent_page_answers_once_and_expires() {
        let mut web = WebState::default();
        let id = web.open_consent(request(), "alice", 0).unwrap();
        assert_eq!(web.take_consent(&id, 1).unwrap().user, "alice");
        assert!(web.take_consent(&id, 1).is_none());
        let id = web.open_consent(request(), "alice", 0).unwrap();
        assert!(web.take_consent(&id, PAGE_SECS).is_none());
    }
}
