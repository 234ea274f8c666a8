use std::fmt::Write;

use super::{escape, Report};

/// JUnit XML, one `testcase` per seed case, so CI systems show the matrix natively.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"wxlogin-qa\" tests=\"{}\" failures=\"{}\" time=\"{:.3}\">",
        report.cases.len(),
        report.failed(),
        report.duration.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"seed-matrix\" tests=\"{}\" failures=\"{}\" time=\"{:.3}\">",
        report.cases.len(),
        report.failed(),
        report.duration.as_secs_f64()
    );
    for case in &report.cases {
        let name = format!(
            "case {:02}: {} / {}",
            case.case.id, case.case.title_zh, case.case.title_en
        );
        let _ = write!(
            out,
            "    <testcase classname=\"wxlogin.qa\" name=\"{}\" time=\"{:.3}\"",
            escape(&name),
            case.run.duration.as_secs_f64()
        );
        if case.run.passed() {
            let _ = writeln!(out, "/>");
            continue;
        }
        let mut details: Vec<String> = case
            .run
            .aborted
            .iter()
            .map(|r| format!("aborted: {r}"))
            .collect();
        details.extend(
            case.run
                .checks
                .items
                .iter()
                .filter(|c| !c.passed)
                .map(|c| format!("{}: {}", c.name, c.detail)),
        );
        let message = details
            .first()
            .cloned()
            .unwrap_or_else(|| "no checks ran".into());
        let _ = writeln!(
            out,
            ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
            escape(&message),
            escape(&details.join("\n"))
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
