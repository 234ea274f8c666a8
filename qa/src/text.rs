//! Text a tester reads, in Chinese and English.
//!
//! QA reads Chinese first (the seed and its testers are Chinese); developers and CI logs
//! read English. Every label, check name, verdict and failure sentence of a report is a
//! [`Text`], and the reports show both side by side, Chinese first: one report serves
//! both readers and no flag decides who gets to read it.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A value that reads the same in both languages (a number, a nickname).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            zh: text.clone(),
            en: text,
        }
    }

    /// Both languages through the same template, e.g. `t.map(|s| format!("{s}: x"))`.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Self {
        Self {
            zh: f(&self.zh),
            en: f(&self.en),
        }
    }
}

impl<Z: Into<String>, E: Into<String>> From<(Z, E)> for Text {
    fn from((zh, en): (Z, E)) -> Self {
        Self::new(zh, en)
    }
}

/// `中文 / English`, for one-line places (console, JUnit names).
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.zh == self.en {
            f.write_str(&self.en)
        } else {
            write!(f, "{} / {}", self.zh, self.en)
        }
    }
}
