//! Random tokens and their digests.

use sha2::{Digest, Sha256};

const ALPHANUMERIC: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// `len` characters of `[A-Za-z0-9]` from the OS CSPRNG, uniformly distributed (bytes
/// of 248 and above are dropped instead of folded, which would bias the first letters).
pub fn random_token(len: usize) -> String {
    sample(len, ALPHANUMERIC)
}

/// A numeric captcha of `len` digits, uniformly distributed.
pub fn random_digits(len: usize) -> String {
    sample(len, b"0123456789")
}

fn sample(len: usize, alphabet: &[u8]) -> String {
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        // The OS generator failing means the machine cannot produce secrets at all;
        // continuing with anything weaker would be worse than stopping.
        getrandom::fill(&mut buf).expect("the OS random generator failed");
        out.extend(
            buf.iter()
                .filter(|&&b| usize::from(b) < limit)
                .map(|&b| alphabet[usize::from(b) % alphabet.len()] as char)
                .take(len - out.len()),
        );
    }
    out
}

/// SHA-256, hex: how tokens, tickets, codes and captchas are stored. Tokens carry 190
/// bits, so a plain digest is enough; a stolen database yields no usable token.
pub fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two digests without an early exit.
pub fn digests_match(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_digits_have_the_right_alphabet() {
        let token = random_token(40);
        assert_eq!(token.len(), 40);
        assert!(token.bytes().all(|b| b.is_ascii_alphanumeric()));
        let digits = random_digits(6);
        assert_eq!(digits.len(), 6);
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(random_token(32), random_token(32));
    }

    #[test]
    fn every_digit_turns_up() {
        let all: std::collections::HashSet<char> = random_digits(2000).chars().collect();
        assert_eq!(all.len(), 10);
    }
}
