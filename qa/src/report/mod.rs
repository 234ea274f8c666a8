//! The run's report: a live line per case on the console, then Markdown, JUnit XML (for
//! CI) and a self-contained HTML page in the output folder. Each case shows what was
//! checked automatically and, beside it, the steps only a tester on a device can do.

mod html;
mod junit;
mod markdown;

use std::path::Path;
use std::time::Duration;

use wxlogin_core::QaCase;

use crate::cases::CaseRun;

pub struct CaseReport {
    pub case: QaCase,
    pub run: CaseRun,
}

pub struct Report {
    pub cases: Vec<CaseReport>,
    pub duration: Duration,
    /// Where the run happened: "embedded" or the server URL.
    pub target: String,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.run.passed()).count()
    }

    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("report.md"), markdown::render(self))?;
        std::fs::write(dir.join("junit.xml"), junit::render(self))?;
        std::fs::write(dir.join("report.html"), html::render(self))?;
        Ok(())
    }
}

/// One console line per finished case, as the run goes.
pub fn live_line(position: usize, total: usize, report: &CaseReport) -> String {
    let run = &report.run;
    let passed = run.checks.items.iter().filter(|c| c.passed).count();
    format!(
        "[{position:>2}/{total}] {}  case {:>2}  {:<58} {:>2}/{:<2} checks  {:>6.2}s",
        if run.passed() { "PASS" } else { "FAIL" },
        report.case.id,
        truncate(&report.case.title_en, 58),
        passed,
        run.checks.items.len(),
        run.duration.as_secs_f64()
    )
}

/// The failed checks of a case, for the console.
pub fn failures(report: &CaseReport) -> Vec<String> {
    let mut lines: Vec<String> = report
        .run
        .aborted
        .iter()
        .map(|reason| format!("      aborted: {reason}"))
        .collect();
    lines.extend(
        report
            .run
            .checks
            .items
            .iter()
            .filter(|c| !c.passed)
            .map(|c| format!("      ✗ {}: {}", c.name, c.detail)),
    );
    lines
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Escapes text for XML and HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
