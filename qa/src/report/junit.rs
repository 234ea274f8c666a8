use std::fmt::Write;

use super::{escape, Report};

/// JUnit XML, one `testcase` per seed case, so CI systems show the matrix natively. The
/// run's metadata and the device steps left are suite `properties`; each case's device
/// steps are its `system-out`.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (tests, failures, time) = (
        report.cases.len(),
        report.failed(),
        report.duration.as_secs_f64(),
    );
    let _ = writeln!(
        out,
        "<testsuites name=\"wxlogin-qa\" tests=\"{tests}\" failures=\"{failures}\" time=\"{time:.3}\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"seed-matrix\" tests=\"{tests}\" failures=\"{failures}\" time=\"{time:.3}\">\n    <properties>"
    );
    let info = &report.info;
    let steps = report.device_steps().to_string();
    for (name, value) in [
        ("started", &info.started),
        ("git_commit", &info.commit),
        ("core_version", &info.core_version),
        ("server", &info.server),
        ("simulator", &info.simulator),
        ("platform", &info.platform),
        ("device_steps_to_do", &steps),
    ] {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(value)
        );
    }
    out.push_str("    </properties>\n");
    for case in &report.cases {
        let name = format!(
            "case {:02}: {} / {}",
            case.case.id, case.case.title_zh, case.case.title_en
        );
        let _ = writeln!(
            out,
            "    <testcase classname=\"wxlogin.qa\" name=\"{}\" time=\"{:.3}\">",
            escape(&name),
            case.run.duration.as_secs_f64()
        );
        if !case.run.passed() {
            let problems = case.problems();
            let message = problems.first().map_or_else(
                || "没有检查 / no checks ran".to_owned(),
                |p| format!("{}: {}", p.label, p.sentence),
            );
            let body: Vec<String> = problems
                .iter()
                .map(|p| {
                    let mut text = format!("{}\n{}\n{}", p.label, p.sentence.zh, p.sentence.en);
                    if !p.details.is_empty() {
                        let _ = write!(text, "\n{}", p.details);
                    }
                    text
                })
                .collect();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\">{}</failure>",
                escape(&message),
                escape(&body.join("\n\n"))
            );
        }
        let mut steps = case.device_steps_left().to_string();
        for step in case.device_step_lines() {
            let _ = write!(steps, "\n[ ] {step}");
        }
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>\n    </testcase>",
            escape(&steps)
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
