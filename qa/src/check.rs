//! What a case verified, one named check at a time, for the report.

use std::fmt::Debug;

#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    /// What was seen, for a failed check (and context for a passed one).
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Checks {
    pub items: Vec<Check>,
}

impl Checks {
    pub fn that(&mut self, name: &str, passed: bool, detail: impl Into<String>) {
        self.items.push(Check {
            name: name.into(),
            passed,
            detail: detail.into(),
        });
    }

    pub fn eq<T: PartialEq + Debug>(&mut self, name: &str, got: T, want: T) {
        let passed = got == want;
        let detail = if passed {
            format!("{got:?}")
        } else {
            format!("got {got:?}, want {want:?}")
        };
        self.that(name, passed, detail);
    }

    /// Checks that `result` failed and that `matches` accepts the error.
    pub fn fails<T: Debug, E: Debug>(
        &mut self,
        name: &str,
        result: &Result<T, E>,
        matches: impl Fn(&E) -> bool,
    ) {
        match result {
            Err(err) => self.that(name, matches(err), format!("{err:?}")),
            Ok(value) => self.that(name, false, format!("succeeded: {value:?}")),
        }
    }

    pub fn passed(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|c| c.passed)
    }
}
