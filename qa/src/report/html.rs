use std::fmt::Write;

use super::{escape, CaseReport, Report};
use crate::text::Text;
use crate::web::WebSection;

/// The CJK fonts of each platform first (macOS, Windows, then Linux: Noto Sans CJK is
/// Debian's `fonts-noto-cjk`), so Chinese never falls back to a font without the glyphs
/// when one with them is installed.
const STYLE: &str = "body{font:15px/1.5 -apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif;margin:2em auto;max-width:62em;padding:0 1em;color:#222}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}\
.en{display:block;color:#666;font-size:.92em}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:bold}\
details{margin:.3em 0 .6em}summary{cursor:pointer;color:#555}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em;font-size:.85em}\
ul{margin:.3em 0}li{margin:.25em 0}.sentence{margin:.2em 0 0 1.2em}.device{background:#f6f8fa;padding:.4em .8em;border-radius:4px}";

/// A self-contained page (inline CSS, no script, no external resource) a tester can
/// open offline or attach to a bug.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>wxlogin QA matrix</title><style>{STYLE}</style></head><body>\
         <h1>wxlogin QA 矩阵<span class=\"en\">wxlogin QA matrix</span></h1><p>{}</p><table>",
        both(&report.summary())
    );
    for (label, value) in report.info.rows() {
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            both(&label),
            escape(value)
        );
    }
    let _ = write!(
        out,
        "<tr><th>{}</th><td>{:.1} s</td></tr></table>",
        both(&Text::new("用时", "duration")),
        report.duration.as_secs_f64()
    );
    render_section(&mut out, &report.cases);
    let _ = write!(
        out,
        "<h1 id=\"web\">网页渠道<span class=\"en\">Web channels</span></h1>"
    );
    match &report.web {
        WebSection::NotRun(reason) => {
            let _ = write!(out, "<p>{}</p>", both(reason));
        }
        WebSection::Ran(cases) => {
            let _ = write!(
                out,
                "<p>{}</p>",
                both(&Text::new(
                    "网站扫码登录与公众号登录(种子 001、003、004),用保存 Cookie 的 HTTP 客户端对服务器网页和模拟器的微信页面执行;编号 W1… 与 18 个用例分开。",
                    "Website QR login and official-account login (seeds 001, 003, 004), over HTTP with a cookie-keeping client against the server's web pages and the simulator's WeChat pages; numbered W1…, apart from the 18 cases."
                ))
            );
            render_section(&mut out, cases);
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// The table of `cases`, then each case's details.
fn render_section(out: &mut String, cases: &[CaseReport]) {
    let _ = write!(
        out,
        "<table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        both(&Text::new("用例", "case")),
        both(&Text::new("结果", "result")),
        both(&Text::new("检查", "checks")),
        both(&Text::new("真机步骤待做", "device steps to do")),
        both(&Text::new("用时", "time")),
    );
    for case in cases {
        let _ = write!(
            out,
            "<tr><td>{}</td><td><a href=\"#c{}\">{}</a></td><td class=\"{}\">{}</td><td>{}/{}</td><td>{}</td><td>{:.2}s</td></tr>",
            case.case.label,
            case.case.label,
            both(&case.title()),
            class(case),
            both(&case.verdict()),
            case.checks_passed(),
            case.run.checks.items.len(),
            case.device_steps(),
            case.run.duration.as_secs_f64()
        );
    }
    out.push_str("</table>");
    for case in cases {
        render_case(out, case);
    }
}

fn render_case(out: &mut String, case: &CaseReport) {
    let _ = write!(
        out,
        "<h2 id=\"c{}\">{}. {}</h2><p class=\"{}\">{}</p><p>{}</p><details open><summary>{}</summary><ul>",
        case.case.label,
        case.case.label,
        both(&case.title()),
        class(case),
        both(&case.verdict()),
        both(&case.automated()),
        inline(&Text::new("自动检查", "automated checks")),
    );
    let problems = case.problems();
    if case.run.aborted.is_some() {
        let stop = &problems[0];
        let _ = write!(
            out,
            "<li><span class=\"fail\">✘</span> {}<div class=\"sentence\">{}</div></li>",
            both(&stop.label),
            both(&stop.sentence)
        );
    }
    for check in &case.run.checks.items {
        let (class, mark) = if check.passed {
            ("pass", "✔")
        } else {
            ("fail", "✘")
        };
        let _ = write!(
            out,
            "<li><span class=\"{class}\">{mark}</span> {}",
            both(&check.label)
        );
        if let Some(failure) = &check.failure {
            let _ = write!(
                out,
                "<div class=\"sentence\">{}<details><summary>{}</summary><pre>{}</pre></details></div>",
                both(&failure.sentence()),
                inline(&Text::new("详情(Rust 值,已脱敏)", "details (Rust values, redacted)")),
                escape(&failure.details)
            );
        }
        out.push_str("</li>");
    }
    let _ = write!(
        out,
        "</ul></details><div class=\"device\"><b>{}</b> ({})<ul>",
        inline(&Text::new("真机步骤", "On a device")),
        inline(&case.device_steps_left())
    );
    for step in case.device_step_lines() {
        let _ = write!(out, "<li>☐ {}</li>", both(&step));
    }
    out.push_str("</ul></div>");
}

fn class(case: &CaseReport) -> &'static str {
    if case.run.passed() {
        "pass"
    } else {
        "fail"
    }
}

/// Chinese, with the English on the line below.
fn both(text: &Text) -> String {
    if text.zh == text.en {
        escape(&text.en)
    } else {
        format!(
            "{}<span class=\"en\">{}</span>",
            escape(&text.zh),
            escape(&text.en)
        )
    }
}

/// Chinese and English on one line, for short labels.
fn inline(text: &Text) -> String {
    escape(&text.to_string())
}
