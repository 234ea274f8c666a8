//! The numbers of the public API are signed (`i32`/`i64`: Kotlin `Int`/`Long`, Java
//! `int`/`long`, Swift `Int32`/`Int64`) because Java has no unsigned types and Kotlin's
//! are awkward; inside, lifetimes and counts are unsigned. Every crossing between the
//! two happens here, so a negative value is refused in one place, not forgotten in ten.

use std::ops::RangeInclusive;

use super::{Error, Result};

/// A duration in milliseconds from the app's configuration. Outside `allowed`
/// (negative included) it is the app's mistake: a typed configuration error that names
/// the setting.
pub(crate) fn config_millis(value: i64, name: &str, allowed: RangeInclusive<u64>) -> Result<u64> {
    match u64::try_from(value) {
        Ok(ms) if allowed.contains(&ms) => Ok(ms),
        _ => Err(Error::Config(format!(
            "{name} must be between {} and {} ms (got {value})",
            allowed.start(),
            allowed.end()
        ))),
    }
}

/// A count of seconds from the server (cooldowns, lifetimes, waits) for the app. The
/// contract's values are small; one beyond `i32::MAX` (68 years) is shown as the maximum
/// rather than wrapping to a negative wait.
pub(crate) fn public_seconds(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_millis_accepts_the_range_and_names_the_setting_otherwise() {
        assert_eq!(config_millis(0, "grace", 0..=10).unwrap(), 0);
        assert_eq!(config_millis(10, "grace", 0..=10).unwrap(), 10);
        for bad in [-1, i64::MIN, 11, i64::MAX] {
            let err = config_millis(bad, "grace_period_ms", 0..=10).unwrap_err();
            let Error::Config(reason) = err else {
                panic!("{bad}: not a configuration error");
            };
            assert!(reason.contains("grace_period_ms"), "{reason}");
            assert!(reason.contains(&bad.to_string()), "{reason}");
        }
        assert!(config_millis(0, "ttl", 1..=10).is_err());
    }

    #[test]
    fn public_seconds_never_turn_negative() {
        assert_eq!(public_seconds(0), 0);
        assert_eq!(public_seconds(600), 600);
        assert_eq!(public_seconds(i32::MAX as u32), i32::MAX);
        assert_eq!(public_seconds(u32::MAX), i32::MAX);
    }
}
