//! Codes, tokens and identities that look like WeChat's.
//!
//! Codes and tokens are secrets: they come from the OS CSPRNG. `openid` and `unionid` are
//! *derived* (hash of app or account and user) so they are stable across resets and restarts,
//! exactly like a real person's ids.

use sha2::{Digest, Sha256};

/// URL-safe alphabet of 64 symbols: a byte modulo 64 is uniform, so no rejection sampling.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A code as the SDK hands it over: 32 characters.
pub(crate) const CODE_LEN: usize = 32;
/// Real access and refresh tokens are 80 to 110 characters long.
pub(crate) const TOKEN_LEN: usize = 88;

/// A random URL-safe string of `len` characters.
///
/// Panics only if the OS has no randomness source, where a simulator that hands out
/// guessable secrets would be worse than none.
pub(crate) fn random_token(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).expect("the OS random number generator is unavailable");
    encode(&bytes)
}

/// A request id like the `rid` WeChat appends to every `errmsg` (three dash-joined groups
/// of 8 hex digits); it keeps clients honest about not matching whole messages.
pub(crate) fn rid() -> String {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the OS random number generator is unavailable");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}", &hex[..8], &hex[8..16], &hex[16..])
}

/// `o` + 27 characters, stable per (app, user).
pub(crate) fn openid(appid: &str, user: &str) -> String {
    derived("openid", appid, user, 27)
}

/// `o` + 28 characters, stable per (open-platform account, user).
pub(crate) fn unionid(account: &str, user: &str) -> String {
    derived("unionid", account, user, 28)
}

fn derived(kind: &str, scope: &str, user: &str, len: usize) -> String {
    let digest = Sha256::new()
        .chain_update(kind.as_bytes())
        .chain_update([0])
        .chain_update(scope.as_bytes())
        .chain_update([0])
        .chain_update(user.as_bytes())
        .finalize();
    let mut id = String::from("o");
    id.push_str(&encode(&digest[..len]));
    id
}

fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 64)]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_random_and_sized() {
        let a = random_token(TOKEN_LEN);
        assert_eq!(a.len(), TOKEN_LEN);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(a, random_token(TOKEN_LEN));
    }

    #[test]
    fn ids_are_stable_and_scoped() {
        assert_eq!(openid("wx1", "alice"), openid("wx1", "alice"));
        assert_ne!(openid("wx1", "alice"), openid("wx2", "alice"));
        assert_eq!(openid("wx1", "alice").len(), 28);
        assert_eq!(unionid("acme", "alice").len(), 29);
        assert!(unionid("acme", "alice").starts_with('o'));
    }
}
