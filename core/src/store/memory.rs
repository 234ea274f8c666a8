//! An in-process store: for tests, desktop tools and the QA runner. It does not survive
//! the process, so an app must provide a persistent one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::SecureStore;
use crate::WxLoginError;

#[derive(Default)]
pub struct InMemoryStore {
    entries: Mutex<HashMap<String, String>>,
}

impl InMemoryStore {
    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A panic elsewhere while holding the lock leaves a map that is still
        // consistent (every operation is a single insert or remove), so keep using it.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecureStore for InMemoryStore {
    fn get(&self, key: String) -> Result<Option<String>, WxLoginError> {
        Ok(self.entries().get(&key).cloned())
    }

    fn set(&self, key: String, value: String) -> Result<(), WxLoginError> {
        self.entries().insert(key, value);
        Ok(())
    }

    fn delete(&self, key: String) -> Result<(), WxLoginError> {
        self.entries().remove(&key);
        Ok(())
    }
}

/// A new, empty in-memory store. Share the same instance between two `WxLogin`
/// objects to simulate an app restarted over the same device store.
#[uniffi::export]
pub fn in_memory_store() -> Arc<dyn SecureStore> {
    Arc::new(InMemoryStore::default())
}
