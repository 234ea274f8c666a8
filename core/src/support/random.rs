//! Random strings from the operating system's CSPRNG.

use crate::support::{Error, Result};

const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// `len` characters of `[A-Za-z0-9]`, uniformly distributed.
///
/// Bytes at or above 248 (the largest multiple of 62 that fits a byte) are thrown away
/// rather than folded with `%`, which would make the first eight letters likelier.
pub(crate) fn random_alphanumeric(len: usize) -> Result<String> {
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        getrandom::fill(&mut buf)
            .map_err(|e| Error::Internal(format!("the system CSPRNG failed: {e}")))?;
        out.extend(
            buf.iter()
                .filter(|&&b| b < 248)
                .map(|&b| ALPHABET[usize::from(b % 62)] as char)
                .take(len - out.len()),
        );
    }
    Ok(out)
}
