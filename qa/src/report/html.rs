use std::fmt::Write;

use super::{escape, Report};

const STYLE: &str = "body{font:15px/1.45 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}\
.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:bold}details{margin:.4em 0 1em}summary{cursor:pointer}\
.zh{color:#555}ul{margin:.3em 0}.device{background:#f6f8fa;padding:.4em .8em;border-radius:4px}";

/// A self-contained page (inline CSS, no script, no external resource) a tester can
/// open offline or attach to a bug.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let total = report.cases.len();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>wxlogin QA matrix</title><style>{STYLE}</style></head><body>\
         <h1>wxlogin QA matrix</h1><p>{} of {total} cases passed ({}), in {:.1} s.</p><table><tr><th>#</th><th>case</th><th>result</th><th>checks</th><th>time</th></tr>",
        total - report.failed(),
        escape(&report.target),
        report.duration.as_secs_f64()
    );
    for case in &report.cases {
        let run = &case.run;
        let passed = run.checks.items.iter().filter(|c| c.passed).count();
        let (class, label) = if run.passed() {
            ("pass", "pass")
        } else {
            ("fail", "fail")
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td><a href=\"#c{}\">{}</a><div class=\"zh\">{}</div></td><td class=\"{class}\">{label}</td><td>{passed}/{}</td><td>{:.2}s</td></tr>",
            case.case.id,
            case.case.id,
            escape(&case.case.title_en),
            escape(&case.case.title_zh),
            run.checks.items.len(),
            run.duration.as_secs_f64()
        );
    }
    out.push_str("</table>");
    for case in &report.cases {
        let _ = write!(
            out,
            "<h2 id=\"c{}\">{}. {}</h2><div class=\"zh\">{}</div><p>{}</p><details open><summary>automated checks</summary><ul>",
            case.case.id,
            case.case.id,
            escape(&case.case.title_en),
            escape(&case.case.title_zh),
            escape(&case.case.automated)
        );
        if let Some(reason) = &case.run.aborted {
            let _ = write!(out, "<li class=\"fail\">aborted: {}</li>", escape(reason));
        }
        for check in &case.run.checks.items {
            let (class, mark) = if check.passed {
                ("pass", "✔")
            } else {
                ("fail", "✘")
            };
            let detail = if check.passed {
                String::new()
            } else {
                format!(" — {}", escape(&check.detail))
            };
            let _ = write!(
                out,
                "<li class=\"{class}\">{mark} {}{detail}</li>",
                escape(&check.name)
            );
        }
        out.push_str("</ul></details>");
        if !case.case.device_steps.is_empty() {
            out.push_str("<div class=\"device\"><b>On a device</b><ul>");
            for step in &case.case.device_steps {
                let _ = write!(out, "<li>☐ {}</li>", escape(step));
            }
            out.push_str("</ul></div>");
        }
    }
    out.push_str("</body></html>\n");
    out
}
