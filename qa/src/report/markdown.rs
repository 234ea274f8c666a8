use std::fmt::Write;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let total = report.cases.len();
    let _ = writeln!(out, "# wxlogin QA matrix\n");
    let _ = writeln!(
        out,
        "{} of {total} cases passed ({}), in {:.1} s. Automated against the WeChat simulator, the reference server and the core's public API; the device steps need a real phone with WeChat.\n",
        total - report.failed(),
        report.target,
        report.duration.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "| # | 用例 | case | result | checks | time |\n|---|---|---|---|---|---|"
    );
    for case in &report.cases {
        let run = &case.run;
        let passed = run.checks.items.iter().filter(|c| c.passed).count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {}/{} | {:.2}s |",
            case.case.id,
            case.case.title_zh,
            case.case.title_en,
            if run.passed() { "✅ pass" } else { "❌ fail" },
            passed,
            run.checks.items.len(),
            run.duration.as_secs_f64()
        );
    }
    for case in &report.cases {
        let _ = writeln!(
            out,
            "\n## {}. {}\n\n{}\n",
            case.case.id, case.case.title_zh, case.case.title_en
        );
        let _ = writeln!(out, "Automated: {}\n", case.case.automated);
        if let Some(reason) = &case.run.aborted {
            let _ = writeln!(out, "- ❌ aborted: {reason}");
        }
        for check in &case.run.checks.items {
            let mark = if check.passed { "✅" } else { "❌" };
            let detail = if check.passed || check.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", check.detail)
            };
            let _ = writeln!(out, "- {mark} {}{detail}", check.name);
        }
        if !case.case.device_steps.is_empty() {
            let _ = writeln!(out, "\nOn a device:\n");
            for step in &case.case.device_steps {
                let _ = writeln!(out, "- [ ] {step}");
            }
        }
    }
    out
}
