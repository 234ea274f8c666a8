//! The step of the flow that a recreated screen or a restarted process must find again
//! and that nothing else remembers: the forced bind-phone page, with its ticket, until
//! the ticket expires. Signed in is the saved session and waiting for WeChat is the
//! pending request, so they need no record here.
//!
//! One versioned JSON document per AppID under `wxlogin.flow.<appid>`; an unreadable one
//! counts as none (the user starts the login again), never as an error at start.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::SecureStore;
use crate::account::WechatProfile;
use crate::support::{Error, Result, Secret};

const VERSION: u32 = 1;

/// The bind-phone step: the WeChat profile to show and the ticket to bind with.
pub(crate) struct SavedBinding {
    pub(crate) wechat: WechatProfile,
    pub(crate) bind_ticket: Secret,
    pub(crate) expires_at_ms: u64,
}

#[derive(Serialize, Deserialize)]
struct BindingRecord {
    v: u32,
    bind_ticket: Secret,
    expires_at_ms: u64,
    nickname: String,
    avatar_url: Option<String>,
}

pub(crate) struct FlowRecords {
    key: String,
    store: Arc<dyn SecureStore>,
}

impl FlowRecords {
    pub(crate) fn new(app_id: &str, store: Arc<dyn SecureStore>) -> Self {
        Self {
            key: format!("wxlogin.flow.{app_id}"),
            store,
        }
    }

    pub(crate) fn load(&self) -> Result<Option<SavedBinding>> {
        let Some(json) = self.store.get(self.key.clone())? else {
            return Ok(None);
        };
        match serde_json::from_str::<BindingRecord>(&json) {
            Ok(record) if record.v == VERSION => Ok(Some(SavedBinding {
                wechat: WechatProfile {
                    nickname: record.nickname,
                    avatar_url: record.avatar_url,
                },
                bind_ticket: record.bind_ticket,
                expires_at_ms: record.expires_at_ms,
            })),
            _ => {
                log::warn!("dropping an unreadable flow record");
                Ok(None)
            }
        }
    }

    pub(crate) fn save(&self, binding: &SavedBinding) -> Result<()> {
        let json = serde_json::to_string(&BindingRecord {
            v: VERSION,
            bind_ticket: binding.bind_ticket.clone(),
            expires_at_ms: binding.expires_at_ms,
            nickname: binding.wechat.nickname.clone(),
            avatar_url: binding.wechat.avatar_url.clone(),
        })
        .map_err(|e| Error::Internal(format!("cannot encode the flow record: {e}")))?;
        Ok(self.store.set(self.key.clone(), json)?)
    }

    pub(crate) fn clear(&self) -> Result<()> {
        Ok(self.store.delete(self.key.clone())?)
    }
}
