//! Where the pending authorization survives process death: a key-value store the host
//! implements over the Android Keystore / iOS Keychain.

mod flow_record;
mod memory;

pub(crate) use flow_record::{FlowRecords, SavedBinding};

pub use memory::{in_memory_store, InMemoryStore};

use crate::WxLoginError;

/// A secure key-value store, implemented by the app (Kotlin, Swift) or by
/// [`InMemoryStore`] in tests and desktop use.
///
/// Values are small strings (a few hundred bytes of JSON). The core calls the store
/// synchronously on the caller's thread, a few times per login. Implementations report
/// failures by throwing [`WxLoginError::Storage`]; anything else they throw is treated
/// the same way.
#[uniffi::export(rust, foreign)]
pub trait SecureStore: Send + Sync {
    /// The value saved under `key`, or `None` when there is none.
    fn get(&self, key: String) -> Result<Option<String>, WxLoginError>;
    /// Saves `value` under `key`, replacing any previous value. Must be durable when it
    /// returns: the app process may be killed right after.
    fn set(&self, key: String, value: String) -> Result<(), WxLoginError>;
    /// Removes `key`; removing a missing key is not an error.
    fn delete(&self, key: String) -> Result<(), WxLoginError>;
}
