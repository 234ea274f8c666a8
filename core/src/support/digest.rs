//! SHA-256, hex encoded: how used states and codes are remembered without keeping them.

use sha2::{Digest, Sha256};

pub(crate) fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
