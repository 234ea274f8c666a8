//! The run's report: a live line per case on the console, then Markdown, JUnit XML (for
//! CI) and a self-contained HTML page in the output folder.
//!
//! Every format carries the same things: the run's metadata ([`RunInfo`]); per case, its
//! verdict, what was checked automatically and, beside it, the steps only a tester on a
//! device can do, counted per case and in total; for a failure, a sentence for QA (what
//! was expected, what came back, secrets redacted) with the Rust details folded away.
//! Labels and sentences are in Chinese and English side by side ([`Text`]).

mod html;
mod junit;
mod markdown;

use std::path::Path;
use std::time::Duration;

use wxlogin_core::QaCase;

use crate::cases::CaseRun;
use crate::meta::RunInfo;
use crate::redact::redact;
use crate::text::Text;
use crate::web::WebSection;

/// What a report says about a case, whichever section it is from.
pub struct CaseInfo {
    /// `1`…`18` for the seed's cases, `W1`… for the web section's.
    pub label: String,
    pub title_zh: String,
    pub title_en: String,
    pub automated: String,
    pub automated_zh: String,
    pub device_steps: Vec<String>,
    pub device_steps_zh: Vec<String>,
}

impl From<QaCase> for CaseInfo {
    fn from(case: QaCase) -> Self {
        Self {
            label: case.id.to_string(),
            title_zh: case.title_zh,
            title_en: case.title_en,
            automated: case.automated,
            automated_zh: case.automated_zh,
            device_steps: case.device_steps,
            device_steps_zh: case.device_steps_zh,
        }
    }
}

pub struct CaseReport {
    pub case: CaseInfo,
    pub run: CaseRun,
}

pub struct Report {
    /// The seed's cases.
    pub cases: Vec<CaseReport>,
    /// The web channels, a section of their own.
    pub web: WebSection,
    pub duration: Duration,
    pub info: RunInfo,
}

impl Report {
    /// Failed cases, both sections.
    pub fn failed(&self) -> usize {
        failed(&self.cases) + failed(self.web_cases())
    }

    /// The device steps of the cases run, both sections: none is done by the runner.
    pub fn device_steps(&self) -> usize {
        device_steps(&self.cases) + device_steps(self.web_cases())
    }

    /// The web section's cases (none when it did not run).
    pub fn web_cases(&self) -> &[CaseReport] {
        match &self.web {
            WebSection::Ran(cases) => cases,
            WebSection::NotRun(_) => &[],
        }
    }

    /// "通过 17,失败 1;真机步骤待做 25 项" / "17 passed, 1 failed; 25 device steps to do",
    /// then the web section's own counts (or why it did not run).
    pub fn summary(&self) -> Text {
        let seed = counts(&self.cases);
        match &self.web {
            WebSection::Ran(cases) => {
                let web = counts(cases);
                Text::new(
                    format!("{};网页渠道 {}", seed.zh, web.zh),
                    format!("{}; web channels: {}", seed.en, web.en),
                )
            }
            WebSection::NotRun(reason) => Text::new(
                format!("{};{}", seed.zh, reason.zh),
                format!("{}; {}", seed.en, reason.en),
            ),
        }
    }

    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("report.md"), markdown::render(self))?;
        std::fs::write(dir.join("junit.xml"), junit::render(self))?;
        std::fs::write(dir.join("report.html"), html::render(self))?;
        Ok(())
    }
}

fn failed(cases: &[CaseReport]) -> usize {
    cases.iter().filter(|c| !c.run.passed()).count()
}

fn device_steps(cases: &[CaseReport]) -> usize {
    cases.iter().map(CaseReport::device_steps).sum()
}

/// "通过 17,失败 1;真机步骤待做 25 项" / "17 passed, 1 failed; 25 device steps to do".
fn counts(cases: &[CaseReport]) -> Text {
    let failed = failed(cases);
    let passed = cases.len() - failed;
    let steps = device_steps(cases);
    Text::new(
        format!("通过 {passed},失败 {failed};真机步骤待做 {steps} 项"),
        format!("{passed} passed, {failed} failed; {steps} device steps to do"),
    )
}

impl CaseReport {
    pub fn verdict(&self) -> Text {
        if self.run.passed() {
            Text::new("通过", "pass")
        } else {
            Text::new("失败", "fail")
        }
    }

    pub fn title(&self) -> Text {
        Text::new(&self.case.title_zh, &self.case.title_en)
    }

    pub fn automated(&self) -> Text {
        Text::new(&self.case.automated_zh, &self.case.automated)
    }

    /// The device steps, Chinese and English line for line.
    pub fn device_step_lines(&self) -> Vec<Text> {
        self.case
            .device_steps_zh
            .iter()
            .zip(&self.case.device_steps)
            .map(|(zh, en)| Text::new(zh, en))
            .collect()
    }

    pub fn device_steps(&self) -> usize {
        self.case.device_steps.len()
    }

    /// "真机步骤待做 2 项" / "2 device steps to do".
    pub fn device_steps_left(&self) -> Text {
        let n = self.device_steps();
        Text::new(
            format!("真机步骤待做 {n} 项"),
            format!("{n} device step{} to do", if n == 1 { "" } else { "s" }),
        )
    }

    pub fn checks_passed(&self) -> usize {
        self.run.checks.items.iter().filter(|c| c.passed).count()
    }

    /// What went wrong in this case, for QA: a stop before the end, then each failed
    /// check.
    pub fn problems(&self) -> Vec<Problem> {
        let stopped = self.run.aborted.iter().map(|reason| {
            let reason = redact(reason);
            Problem {
                label: Text::new("用例未能执行完", "the case could not run to its end"),
                sentence: Text::new(
                    format!("在检查之前的步骤失败:{reason}"),
                    format!("A step before the checks failed: {reason}."),
                ),
                details: String::new(),
            }
        });
        let failed = self.run.checks.items.iter().filter_map(|check| {
            let failure = check.failure.as_ref()?;
            Some(Problem {
                label: check.label.clone(),
                sentence: failure.sentence(),
                details: failure.details.clone(),
            })
        });
        stopped.chain(failed).collect()
    }
}

/// One thing that went wrong in a case.
pub struct Problem {
    /// The check's name ("a second phone is refused").
    pub label: Text,
    /// What was expected and what came back.
    pub sentence: Text,
    /// The Rust values, redacted, for a developer; empty when there are none.
    pub details: String,
}

/// The console lines for a finished case: its verdict, then each problem.
pub fn live_lines(position: usize, total: usize, report: &CaseReport) -> Vec<String> {
    let run = &report.run;
    let verdict = if run.passed() {
        "PASS 通过"
    } else {
        "FAIL 失败"
    };
    let mut lines = vec![format!(
        "[{position:>2}/{total}] {verdict}  case {:>3}  {:<54} {:>2}/{:<2} checks  {:>6.2}s  {}",
        report.case.label,
        truncate(&report.case.title_en, 54),
        report.checks_passed(),
        run.checks.items.len(),
        run.duration.as_secs_f64(),
        report.device_steps_left().en,
    )];
    for problem in report.problems() {
        lines.push(format!("      ✗ {}", problem.label));
        lines.push(format!("        {}", problem.sentence.zh));
        lines.push(format!("        {}", problem.sentence.en));
    }
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
