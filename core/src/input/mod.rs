//! Text the platform hands the core: SDK callbacks, redirect URLs, what the user typed.
//!
//! Every such parameter is an [`InputText`], so that no string can make a call fail
//! before it reaches the core. A Kotlin/Java `String` may hold a lone UTF-16 surrogate,
//! which UniFFI's string converter refuses with an untyped `MalformedInputException`;
//! `uniffi.toml` lowers `InputText` through the Kotlin glue's `wellFormedUtf16`, which
//! replaces such a surrogate by U+FFFD. The core then judges the text like any other
//! (a code with U+FFFD is not a plausible code) and answers with a typed outcome or
//! error. Swift strings are always valid Unicode, so Swift maps it as a plain `String`.

mod code;

pub(crate) use code::{checked_code, plausible_code};

/// A string from the platform. Kotlin and Swift see a plain `String`.
#[derive(Clone, PartialEq, Eq)]
pub struct InputText(String);

uniffi::custom_newtype!(InputText, String);

impl InputText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for InputText {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for InputText {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Codes, captchas, passwords, tickets and phone numbers travel as `InputText`: its
/// `Debug` shows only the length.
impl std::fmt::Debug for InputText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InputText([redacted], {} bytes)", self.0.len())
    }
}
