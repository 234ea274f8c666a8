use std::fmt::Write;

use super::{escape, CaseReport, Report};

/// JUnit XML, one `testcase` per case, so CI systems show the matrix natively: the seed's
/// cases in the suite `seed-matrix`, the web channels' (when they ran) in `web-channels`.
/// The run's metadata and the device steps left are the first suite's `properties`; each
/// case's device steps are its `system-out`.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let web = report.web_cases();
    let (tests, failures, time) = (
        report.cases.len() + web.len(),
        report.failed(),
        report.duration.as_secs_f64(),
    );
    let _ = writeln!(
        out,
        "<testsuites name=\"wxlogin-qa\" tests=\"{tests}\" failures=\"{failures}\" time=\"{time:.3}\">"
    );
    let (seed_tests, seed_failures, seed_time) = suite_counts(&report.cases);
    let _ = writeln!(
        out,
        "  <testsuite name=\"seed-matrix\" tests=\"{seed_tests}\" failures=\"{seed_failures}\" time=\"{seed_time:.3}\">\n    <properties>"
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
    testcases(&mut out, &report.cases);
    out.push_str("  </testsuite>\n");
    if !web.is_empty() {
        let (web_tests, web_failures, web_time) = suite_counts(web);
        let _ = writeln!(
            out,
            "  <testsuite name=\"web-channels\" tests=\"{web_tests}\" failures=\"{web_failures}\" time=\"{web_time:.3}\">"
        );
        testcases(&mut out, web);
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Cases, failures and seconds of one suite.
fn suite_counts(cases: &[CaseReport]) -> (usize, usize, f64) {
    let failures = cases.iter().filter(|c| !c.run.passed()).count();
    let time = cases.iter().map(|c| c.run.duration.as_secs_f64()).sum();
    (cases.len(), failures, time)
}

fn testcases(out: &mut String, cases: &[CaseReport]) {
    for case in cases {
        let name = format!(
            "case {:0>2}: {} / {}",
            case.case.label, case.case.title_zh, case.case.title_en
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
}
