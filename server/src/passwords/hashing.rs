//! Password hashing with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Memory one Argon2 run takes with the parameters used here.
pub const BYTES_PER_HASH: usize = argon2::Params::DEFAULT_M_COST as usize * 1024;

pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches `stored`. With no stored hash (unknown account) `dummy`,
/// a hash of the same parameters, is checked instead, so the answer takes as long and
/// tells nothing about which accounts exist.
pub fn verify(password: &str, stored: Option<&str>, dummy: &str) -> bool {
    let target = stored.unwrap_or(dummy);
    let Ok(parsed) = PasswordHash::new(target) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && stored.is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip_and_refusals() {
        let stored = super::hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        let dummy = super::hash("no account has this password").unwrap();
        assert!(super::verify("correct horse", Some(&stored), &dummy));
        assert!(!super::verify("wrong horse", Some(&stored), &dummy));
        assert!(!super::verify("no account has this password", None, &dummy));
    }
}
