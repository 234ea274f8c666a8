//! The session token and account, kept in the host's secure store so the user stays
//! signed in across app restarts.
//!
//! One versioned JSON document per AppID under `wxlogin.session.<appid>`. Only a server
//! verdict (session expired, re-authorize) clears it; a network failure never does.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use wxlogin_contract::User;

use crate::support::{Error, Result, Secret};
use crate::SecureStore;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SessionRecord {
    v: u32,
    token: Secret,
    user: User,
}

pub(crate) struct SessionStore {
    key: String,
    store: Arc<dyn SecureStore>,
}

impl SessionStore {
    pub(crate) fn new(app_id: &str, store: Arc<dyn SecureStore>) -> Self {
        Self {
            key: format!("wxlogin.session.{app_id}"),
            store,
        }
    }

    pub(crate) fn load(&self) -> Result<Option<(Secret, User)>> {
        let Some(json) = self.store.get(self.key.clone())? else {
            return Ok(None);
        };
        match serde_json::from_str::<SessionRecord>(&json) {
            Ok(record) if record.v == VERSION => Ok(Some((record.token, record.user))),
            _ => {
                log::warn!("dropping an unreadable session record");
                Ok(None)
            }
        }
    }

    pub(crate) fn save(&self, token: Secret, user: User) -> Result<()> {
        let json = serde_json::to_string(&SessionRecord {
            v: VERSION,
            token,
            user,
        })
        .map_err(|e| Error::Internal(format!("cannot encode the session: {e}")))?;
        Ok(self.store.set(self.key.clone(), json)?)
    }

    /// Keeps the token, updates the account (after a bind or a profile fetch).
    pub(crate) fn update_user(&self, user: User) -> Result<()> {
        match self.load()? {
            Some((token, _)) => self.save(token, user),
            None => Ok(()),
        }
    }

    pub(crate) fn clear(&self) -> Result<()> {
        Ok(self.store.delete(self.key.clone())?)
    }
}
