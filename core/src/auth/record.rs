//! What the core persists in the host's secure store, and how it is versioned.
//!
//! One JSON document per AppID under `wxlogin.auth.<appid>`:
//! `{"v":1,"pending":{...}|null,"resolved":[...]}`. `v` is bumped on any incompatible
//! change; a document of another version, or one that does not parse, is dropped with a
//! warning (it cannot be trusted to validate a callback) and replaced on the next write.

use crate::support::{digest, Error, Result, Secret};
use crate::SecureStore;
use serde::{Deserialize, Serialize};

const VERSION: u32 = 1;

/// How many resolved requests are remembered to recognise duplicate callbacks. A
/// duplicate arrives within seconds; a handful covers rapid retries of the user.
const RESOLVED_KEPT: usize = 16;

/// Which flow the pending request belongs to; the web flows remember their redirect
/// URI so that only a redirect to that address is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Flow {
    App,
    Web { redirect_uri: String },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Pending {
    pub(crate) state: Secret,
    pub(crate) flow: Flow,
    pub(crate) created_ms: u64,
    pub(crate) expires_ms: u64,
}

/// A request that is over. Only digests are kept: the state is dead anyway, and the
/// code must not linger in storage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Resolved {
    pub(crate) state_digest: String,
    /// The digest of the code the resolving callback carried (of "" when it carried
    /// none); `None` when the request ended without a callback (cancel, grace period,
    /// a newer request). A later callback with another answer is a replay.
    pub(crate) answer_digest: Option<String>,
    pub(crate) at_ms: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Record {
    pub(crate) v: u32,
    pub(crate) pending: Option<Pending>,
    #[serde(default)]
    pub(crate) resolved: Vec<Resolved>,
}

impl Record {
    /// Moves the pending request, if any, to the resolved list. `answer` is the code of
    /// the callback that resolved it ("" for none), or `None` without a callback.
    pub(crate) fn retire_pending(&mut self, now_ms: u64, answer: Option<&str>) {
        if let Some(pending) = self.pending.take() {
            self.resolved.push(Resolved {
                state_digest: digest(pending.state.expose()),
                answer_digest: answer.map(digest),
                at_ms: now_ms,
            });
            let excess = self.resolved.len().saturating_sub(RESOLVED_KEPT);
            self.resolved.drain(..excess);
        }
    }

    pub(crate) fn find_resolved(&self, state: &str) -> Option<&Resolved> {
        let wanted = digest(state);
        self.resolved
            .iter()
            .rev()
            .find(|r| r.state_digest == wanted)
    }
}

/// Reads and writes the record for one AppID.
pub(crate) struct RecordStore {
    key: String,
    store: std::sync::Arc<dyn SecureStore>,
}

impl RecordStore {
    pub(crate) fn new(app_id: &str, store: std::sync::Arc<dyn SecureStore>) -> Self {
        Self {
            key: format!("wxlogin.auth.{app_id}"),
            store,
        }
    }

    pub(crate) fn load(&self) -> Result<Record> {
        let Some(json) = self.store.get(self.key.clone())? else {
            return Ok(Record::default());
        };
        match serde_json::from_str::<Record>(&json) {
            Ok(record) if record.v == VERSION => Ok(record),
            Ok(record) => {
                log::warn!("dropping auth record of unknown version {}", record.v);
                Ok(Record::default())
            }
            Err(err) => {
                log::warn!("dropping unreadable auth record: {err}");
                Ok(Record::default())
            }
        }
    }

    pub(crate) fn save(&self, record: &Record) -> Result<()> {
        let json = serde_json::to_string(&Record {
            v: VERSION,
            pending: record.pending.clone(),
            resolved: record.resolved.clone(),
        })
        .map_err(|e| Error::Internal(format!("cannot encode the auth record: {e}")))?;
        Ok(self.store.set(self.key.clone(), json)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::in_memory_store;

    fn pending(state: &str) -> Pending {
        Pending {
            state: Secret::new(state.into()),
            flow: Flow::App,
            created_ms: 1,
            expires_ms: 2,
        }
    }

    #[test]
    fn round_trips_through_the_store() {
        let records = RecordStore::new("wx0123456789abcdef", in_memory_store());
        let mut record = Record {
            pending: Some(pending("abc")),
            ..Record::default()
        };
        records.save(&record).unwrap();
        let loaded = records.load().unwrap();
        assert_eq!(loaded.pending.unwrap().state.expose(), "abc");

        record.retire_pending(5, Some("code"));
        records.save(&record).unwrap();
        let loaded = records.load().unwrap();
        assert!(loaded.pending.is_none());
        assert!(loaded.find_resolved("abc").is_some());
    }

    #[test]
    fn the_stored_document_holds_no_code() {
        let store = in_memory_store();
        let records = RecordStore::new("wx0123456789abcdef", store.clone());
        let mut record = Record {
            pending: Some(pending("abc")),
            ..Record::default()
        };
        record.retire_pending(5, Some("081SecretCode"));
        records.save(&record).unwrap();
        let raw = store
            .get("wxlogin.auth.wx0123456789abcdef".into())
            .unwrap()
            .unwrap();
        assert!(!raw.contains("081SecretCode"));
        assert!(raw.contains("\"v\":1"));
    }

    #[test]
    fn unknown_versions_and_garbage_are_dropped_not_fatal() {
        let store = in_memory_store();
        let records = RecordStore::new("wxapp", store.clone());
        for raw in [
            r#"{"v":99,"pending":null}"#,
            "not json",
            "{}",
            r#"{"v":1,"pending":7}"#,
        ] {
            store.set("wxlogin.auth.wxapp".into(), raw.into()).unwrap();
            let loaded = records.load().unwrap();
            assert!(loaded.pending.is_none(), "{raw}");
        }
    }

    #[test]
    fn only_the_latest_resolved_requests_are_kept() {
        let mut record = Record::default();
        for i in 0..(RESOLVED_KEPT + 5) {
            record.pending = Some(pending(&format!("s{i}")));
            record.retire_pending(i as u64, None);
        }
        assert_eq!(record.resolved.len(), RESOLVED_KEPT);
        assert!(record.find_resolved("s0").is_none());
        assert!(record
            .find_resolved(&format!("s{}", RESOLVED_KEPT + 4))
            .is_some());
    }
}
