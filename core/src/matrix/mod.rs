//! The seed's 18 login/bind test cases (第六步:测试用例), as data.
//!
//! One list, exported through UniFFI, so the Android and iOS sample apps show the same
//! cases on their QA screen and the QA runner reports against the same ids. The seed's
//! numbering is the id; the seed's title is kept verbatim next to an English one, so a
//! report can always be traced back to the line it checks.
//!
//! Each case says what the automated runner checks (simulator + reference server + this
//! core's public API) and, separately, what only a tester with the real WeChat app on a
//! real device can check. The data lives in [`cases`]; this module only exposes it.

mod cases;

/// What part of the login a case exercises; the QA screen groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum QaArea {
    /// Binding rules between an account, its phone and its WeChat (server decides).
    Binding,
    /// The WeChat authorization round trip and where the app lands afterwards.
    WechatLogin,
    /// WeChat missing, or removed while the app is running.
    Install,
    /// Weak or no network.
    Network,
    /// Failures of authorization, login and binding, and the errors they produce.
    Failure,
}

/// One case of the QA matrix. Titles, what is automated and the device steps come in
/// Chinese (`*_zh`, read first by the seed's testers) and English; `title_zh` is the
/// seed's title character for character. Preconditions, steps and expected results are
/// English.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QaCase {
    /// The seed's number, 1..=18.
    pub id: i32,
    pub area: QaArea,
    /// The seed's title, verbatim (without the leading "N、").
    pub title_zh: String,
    pub title_en: String,
    /// What must be true before the steps.
    pub preconditions: Vec<String>,
    /// What the tester (or the runner) does, in order.
    pub steps: Vec<String>,
    /// What must be observed for the case to pass.
    pub expected: Vec<String>,
    /// One sentence: what the automated runner checks against the simulator, the
    /// reference server and the core's public API.
    pub automated: String,
    /// `automated` in Chinese.
    pub automated_zh: String,
    /// What only a tester on a real device with the real WeChat app can check (the
    /// WeChat UI itself, install/uninstall, the real network, what a page shows).
    pub device_steps: Vec<String>,
    /// `device_steps` in Chinese, line for line.
    pub device_steps_zh: Vec<String>,
}

/// All 18 cases, ordered by id.
#[uniffi::export]
pub fn qa_cases() -> Vec<QaCase> {
    cases::CASES.iter().map(cases::Case::to_record).collect()
}

/// The case with this id (the seed's number), or `None` outside 1..=18.
#[uniffi::export]
pub fn qa_case(id: i32) -> Option<QaCase> {
    cases::CASES
        .iter()
        .find(|case| case.id == id)
        .map(cases::Case::to_record)
}
