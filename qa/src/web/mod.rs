//! The web channels' section of the QA matrix, apart from the seed's 18 cases: website QR
//! login and official-account login (seeds 001, 003, 004), checked automatically over HTTP
//! with a cookie-keeping client against the server's web pages and the simulator's WeChat
//! pages, plus the steps only a real phone, the real WeChat and a real domain can show.

pub mod browser;
mod cases;
mod flows;

use std::time::Instant;

pub use cases::{WebCase, WEB_CASES};

use crate::cases::{CaseRun, Ids};
use crate::check::Checks;
use crate::env::QaEnv;
use crate::report::{live_lines, CaseInfo, CaseReport};
use crate::text::Text;
use browser::Browser;

/// What the web section amounts to in a run.
pub enum WebSection {
    /// The server has no web channels configured: nothing to check, nothing failed.
    NotRun(Text),
    Ran(Vec<CaseReport>),
}

impl WebCase {
    pub fn info(&self) -> CaseInfo {
        CaseInfo {
            label: format!("W{}", self.id),
            title_zh: self.title_zh.into(),
            title_en: self.title_en.into(),
            automated_zh: self.automated_zh.into(),
            automated: self.automated_en.into(),
            device_steps_zh: self.device_steps.iter().map(|s| s.0.into()).collect(),
            device_steps: self.device_steps.iter().map(|s| s.1.into()).collect(),
        }
    }
}

/// Runs every web case, one after the other, if the server offers both web logins.
pub async fn run(env: &QaEnv, nonce: u32, live: bool) -> WebSection {
    if let Some(reason) = not_configured(env).await {
        return WebSection::NotRun(reason);
    }
    let mut reports = Vec::new();
    for (position, case) in WEB_CASES.iter().enumerate() {
        let started = Instant::now();
        let ids = Ids::web(case.id, nonce);
        let mut checks = Checks::default();
        let result = flows::run(case.id, env, &ids, &mut checks).await;
        let report = CaseReport {
            case: case.info(),
            run: CaseRun {
                id: case.id,
                checks,
                aborted: result.err(),
                duration: started.elapsed(),
            },
        };
        if live {
            for line in live_lines(position + 1, WEB_CASES.len(), &report) {
                println!("{line}");
            }
        }
        reports.push(report);
    }
    WebSection::Ran(reports)
}

/// Why the web section cannot run against this server, if it cannot: its home must offer
/// both the website's QR login and the official account's login.
async fn not_configured(env: &QaEnv) -> Option<Text> {
    let home = match Browser::new() {
        Ok(browser) => browser.get(&format!("{}/web/", env.server_url())).await,
        Err(e) => Err(e),
    };
    match home {
        Ok(page) if page.has("qr-login") && page.has("oa-login") => None,
        _ => Some(Text::new(
            "服务器未配置网页渠道(--public-url、--website-app-id、--oa-app-id),网页部分未运行",
            "the server has no web channels configured (--public-url, --website-app-id, --oa-app-id): the web section did not run",
        )),
    }
}
