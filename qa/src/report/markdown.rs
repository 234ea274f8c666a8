use std::fmt::Write;

use super::{CaseReport, Report};
use crate::web::WebSection;

/// Markdown for a bug tracker or a merge request: Chinese and English side by side, the
/// Rust details of a failure in a folded `<details>` block.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let summary = report.summary();
    let _ = writeln!(out, "# wxlogin QA 矩阵 / wxlogin QA matrix\n");
    let _ = writeln!(out, "{}  \n{}\n", summary.zh, summary.en);
    let _ = writeln!(out, "| 运行信息 / run | |\n|---|---|");
    for (label, value) in report.info.rows() {
        let _ = writeln!(out, "| {} | {} |", cell(&label.to_string()), cell(value));
    }
    let _ = writeln!(
        out,
        "| 用时 / duration | {:.1} s |\n",
        report.duration.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "自动部分通过 core 的公开 API 对微信模拟器和参考服务器执行;真机步骤需要装有微信的真实手机。  \n\
         Automated against the WeChat simulator, the reference server and the core's public API; the device steps need a real phone with WeChat.\n"
    );
    render_section(&mut out, &report.cases);
    let _ = writeln!(out, "\n# 网页渠道 / Web channels\n");
    match &report.web {
        WebSection::NotRun(reason) => {
            let _ = writeln!(out, "{}  \n{}", reason.zh, reason.en);
        }
        WebSection::Ran(cases) => {
            let _ = writeln!(
                out,
                "网站扫码登录与公众号登录(种子 001、003、004),用保存 Cookie 的 HTTP 客户端对服务器网页和模拟器的微信页面执行;编号 W1… 与上面 18 个用例分开。  \n\
                 Website QR login and official-account login (seeds 001, 003, 004), over HTTP with a cookie-keeping client against the server's web pages and the simulator's WeChat pages; numbered W1…, apart from the 18 cases above.\n"
            );
            render_section(&mut out, cases);
        }
    }
    out
}

/// The table of `cases`, then each case's details.
fn render_section(out: &mut String, cases: &[CaseReport]) {
    let _ = writeln!(
        out,
        "| # | 用例 / case | 结果 / result | 检查 / checks | 真机步骤待做 / device steps to do | 用时 / time |\n|---|---|---|---|---|---|"
    );
    for case in cases {
        let _ = writeln!(
            out,
            "| {} | {}<br>{} | {} {} | {}/{} | {} | {:.2}s |",
            case.case.label,
            cell(&case.case.title_zh),
            cell(&case.case.title_en),
            if case.run.passed() { "✅" } else { "❌" },
            case.verdict(),
            case.checks_passed(),
            case.run.checks.items.len(),
            case.device_steps(),
            case.run.duration.as_secs_f64()
        );
    }
    for case in cases {
        render_case(out, case);
    }
}

fn render_case(out: &mut String, case: &CaseReport) {
    let _ = writeln!(
        out,
        "\n## {}. {}\n\n{}\n",
        case.case.label, case.case.title_zh, case.case.title_en
    );
    let verdict = case.verdict();
    let automated = case.automated();
    let _ = writeln!(
        out,
        "**结果 / result: {} {}**\n\n**自动检查 / automated checks**  \n{}  \n{}\n",
        if case.run.passed() { "✅" } else { "❌" },
        verdict,
        automated.zh,
        automated.en
    );
    let problems = case.problems();
    if case.run.aborted.is_some() {
        let stop = &problems[0];
        let _ = writeln!(
            out,
            "- ❌ {}  \n  {}  \n  {}",
            stop.label, stop.sentence.zh, stop.sentence.en
        );
    }
    for check in &case.run.checks.items {
        let mark = if check.passed { "✅" } else { "❌" };
        let _ = writeln!(out, "- {mark} {}", check.label);
        if let Some(failure) = &check.failure {
            let sentence = failure.sentence();
            let _ = writeln!(
                out,
                "  {}  \n  {}\n\n  <details><summary>详情 / details</summary>\n\n  ```text\n{}\n  ```\n\n  </details>\n",
                sentence.zh,
                sentence.en,
                indent(&failure.details)
            );
        }
    }
    let left = case.device_steps_left();
    let _ = writeln!(out, "\n**真机步骤 / On a device** ({left})\n");
    for step in case.device_step_lines() {
        let _ = writeln!(out, "- [ ] {}  \n  {}", step.zh, step.en);
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text for a table cell: a `|` would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
