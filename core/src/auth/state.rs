//! The `state` parameter: the CSRF token that ties a callback to the request.

use crate::support::{random_alphanumeric, Result, Secret};

/// Characters in a state. 32 characters of `[A-Za-z0-9]` carry 190 bits, well above the
/// 128 required, and stay far below the official-account flow's 128-byte limit.
pub(crate) const STATE_LEN: usize = 32;

/// The longest state the web flows allow (`a-zA-Z0-9`, at most 128 bytes). A callback
/// with a longer one cannot be ours and is rejected before any comparison.
pub(crate) const MAX_STATE_LEN: usize = 128;

pub(crate) fn new_state() -> Result<Secret> {
    random_alphanumeric(STATE_LEN).map(Secret::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn ten_thousand_states_are_distinct() {
        let states: HashSet<String> = (0..10_000)
            .map(|_| new_state().unwrap().expose().to_owned())
            .collect();
        assert_eq!(states.len(), 10_000);
    }

    #[test]
    fn every_letter_and_digit_turns_up() {
        let seen: HashSet<char> = (0..200)
            .flat_map(|_| new_state().unwrap().expose().chars().collect::<Vec<_>>())
            .collect();
        assert_eq!(seen.len(), 62, "alphabet not covered: {seen:?}");
    }

    proptest! {
        #[test]
        fn state_is_alphanumeric_and_of_fixed_length(_seed in any::<u64>()) {
            let state = new_state().unwrap();
            let value = state.expose();
            prop_assert_eq!(value.len(), STATE_LEN);
            prop_assert!(value.len() <= MAX_STATE_LEN);
            prop_assert!(value.bytes().all(|b| b.is_ascii_alphanumeric()));
        }

        #[test]
        fn random_strings_have_the_asked_length(len in 0usize..300) {
            let value = random_alphanumeric(len).unwrap();
            prop_assert_eq!(value.len(), len);
            prop_assert!(value.bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }
}
