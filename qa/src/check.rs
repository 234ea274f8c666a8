//! What a case verified, one named check at a time, for the report.
//!
//! A failed check keeps what QA needs to file a bug: what was expected and what came
//! back, as a sentence in both languages without secrets ([`Failure::sentence`]), and,
//! folded away for a developer, the Rust values behind it (`Debug`, redacted).

use std::fmt::Debug;

use crate::redact::redact;
use crate::shown::Shown;
use crate::text::Text;

#[derive(Debug, Clone)]
pub struct Check {
    /// What the check promises, e.g. "a second phone is refused".
    pub label: Text,
    pub passed: bool,
    /// Set when the check failed.
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub expected: Text,
    pub got: Text,
    /// The values as Rust prints them, redacted: for a developer, folded in the reports.
    pub details: String,
}

impl Failure {
    pub fn new(expected: Text, got: Text, details: String) -> Self {
        Self {
            expected: redacted(expected),
            got: redacted(got),
            details: redact(&details),
        }
    }

    /// "期望:…;实际:…。" / "Expected …; got …."
    pub fn sentence(&self) -> Text {
        Text::new(
            format!("期望:{};实际:{}。", self.expected.zh, self.got.zh),
            format!("Expected {}; got {}.", self.expected.en, self.got.en),
        )
    }
}

fn redacted(text: Text) -> Text {
    Text::new(redact(&text.zh), redact(&text.en))
}

#[derive(Debug, Default)]
pub struct Checks {
    pub items: Vec<Check>,
}

impl Checks {
    fn record(&mut self, label: impl Into<Text>, failure: Option<Failure>) {
        self.items.push(Check {
            label: label.into(),
            passed: failure.is_none(),
            failure,
        });
    }

    /// `got` must equal `want`.
    pub fn eq<T: PartialEq + Debug + Shown>(&mut self, label: impl Into<Text>, got: T, want: T) {
        let failure = (got != want).then(|| {
            Failure::new(
                want.shown(),
                got.shown(),
                format!("got:  {got:#?}\nwant: {want:#?}"),
            )
        });
        self.record(label, failure);
    }

    /// `passed` says whether `got` is what `expected` describes.
    pub fn is<T: Debug + Shown + ?Sized>(
        &mut self,
        label: impl Into<Text>,
        got: &T,
        expected: impl Into<Text>,
        passed: bool,
    ) {
        let failure =
            (!passed).then(|| Failure::new(expected.into(), got.shown(), format!("{got:#?}")));
        self.record(label, failure);
    }

    /// `result` must be this error.
    pub fn fails_with<T: Debug + Shown, E: PartialEq + Debug + Shown>(
        &mut self,
        label: impl Into<Text>,
        result: &Result<T, E>,
        want: E,
    ) {
        let failure = (result.as_ref().err() != Some(&want)).then(|| {
            Failure::new(
                Err::<(), _>(&want).shown(),
                result.shown(),
                format!("got:  {result:#?}\nwant: Err({want:#?})"),
            )
        });
        self.record(label, failure);
    }

    /// `result` must be an error of the kind `matches` accepts, which `expected` names.
    pub fn fails_like<T: Debug + Shown, E: Debug + Shown>(
        &mut self,
        label: impl Into<Text>,
        result: &Result<T, E>,
        expected: impl Into<Text>,
        matches: impl Fn(&E) -> bool,
    ) {
        let passed = result.as_ref().err().is_some_and(matches);
        self.is(label, result, expected, passed);
    }

    pub fn passed(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|c| c.passed)
    }
}
