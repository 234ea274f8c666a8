//! The reports say which case failed and why, in every format: run metadata, verdicts
//! and labels in Chinese and English, device steps left, and a failure as a sentence
//! without secrets, the Rust details folded away.

use std::time::Duration;

use wxlogin_core::{qa_case, Account, BindingConflict, WxLoginError};
use wxlogin_qa::cases::CaseRun;
use wxlogin_qa::check::Checks;
use wxlogin_qa::meta::RunInfo;
use wxlogin_qa::report::{CaseReport, Report};
use wxlogin_qa::text::Text;
use wxlogin_qa::web::{WebSection, WEB_CASES};

const PHONE: &str = "19901234567";
const OPENID: &str = "oOPENID_secret_123";
const UNIONID: &str = "uUNIONID_secret_456";

fn account() -> Account {
    Account {
        id: 42,
        mobile: Some(PHONE.into()),
        account: None,
        is_bind_wechat: true,
        wechat_name: Some("新仁类测试微信号".into()),
        wechat_avatar_url: Some("http://127.0.0.1:1/v1/avatars/42".into()),
        wechat_open_id: Some(OPENID.into()),
        wechat_union_id: Some(UNIONID.into()),
        is_bind_avatar: true,
    }
}

fn info() -> RunInfo {
    RunInfo {
        started: "2026-11-21 06:45:12 UTC".into(),
        commit: "0123456789abcdef0123456789abcdef01234567".into(),
        core_version: "9.8.7".into(),
        server: "http://staging.example:8080".into(),
        simulator: "http://sim.example:9000".into(),
        platform: "linux x86_64".into(),
    }
}

fn case(id: i32, checks: Checks, aborted: Option<&str>) -> CaseReport {
    CaseReport {
        case: qa_case(id).unwrap().into(),
        run: CaseRun {
            id,
            checks,
            aborted: aborted.map(String::from),
            duration: Duration::from_millis(5),
        },
    }
}

fn report() -> Report {
    let mut good = Checks::default();
    good.eq(
        (
            "同一微信再次绑定无变化",
            "binding the same WeChat again is a no-op",
        ),
        1,
        1,
    );
    let mut bad = Checks::default();
    bad.fails_with(
        ("绑定第二个手机号被拒", "a second phone is refused"),
        &Ok::<_, WxLoginError>(account()),
        WxLoginError::BindingRefused {
            conflict: BindingConflict::AccountHasOtherPhone,
        },
    );
    bad.eq(("<script>alert(1)</script>", "<script>"), true, true);
    Report {
        cases: vec![
            case(2, good, None),
            case(7, bad, None),
            case(
                17,
                Checks::default(),
                Some(&format!(
                    "expected the bind-phone page, got {:?}",
                    account()
                )),
            ),
        ],
        web: WebSection::NotRun(Text::new("网页部分未运行", "the web section did not run")),
        duration: Duration::from_secs(1),
        info: info(),
    }
}

/// The same report with the web section run: W1 passed, W3 failed.
fn report_with_web() -> Report {
    let web_case = |id: i32, checks: Checks| CaseReport {
        case: WEB_CASES[usize::try_from(id - 1).unwrap()].info(),
        run: CaseRun {
            id,
            checks,
            aborted: None,
            duration: Duration::from_millis(5),
        },
    };
    let mut good = Checks::default();
    good.eq(("绑定后已登录", "signed in after binding"), true, true);
    let mut bad = Checks::default();
    bad.eq(
        ("网站显示已拒绝", "the site shows the refusal"),
        false,
        true,
    );
    Report {
        web: WebSection::Ran(vec![web_case(1, good), web_case(3, bad)]),
        ..report()
    }
}

/// The three files of a written report: Markdown, JUnit XML, HTML.
fn written(report: &Report) -> [(&'static str, String); 3] {
    let dir = tempfile::tempdir().unwrap();
    report.write(dir.path()).unwrap();
    ["report.md", "junit.xml", "report.html"].map(|name| {
        (
            name,
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
        )
    })
}

#[test]
fn failures_are_counted_and_named_everywhere() {
    let report = report();
    assert_eq!(report.failed(), 2);
    let [(_, markdown), (_, junit), (_, html)] = written(&report);
    assert!(junit.contains("tests=\"3\" failures=\"2\""), "{junit}");
    assert_eq!(junit.matches("<failure").count(), 2);
    assert!(junit.contains("a second phone is refused"), "{junit}");
    assert!(junit.contains("微信登录,已绑定手机号,再次绑定其他手机号"));

    assert!(markdown.starts_with("# wxlogin QA 矩阵 / wxlogin QA matrix"));
    assert!(markdown.contains("通过 1,失败 2"), "{markdown}");
    assert!(markdown.contains("1 passed, 2 failed"), "{markdown}");
    assert!(markdown.contains("❌ 绑定第二个手机号被拒 / a second phone is refused"));

    assert!(!html.contains("<script>"), "check names are escaped");
    assert!(html.contains("&lt;script&gt;"));
    for external in ["src=", "<link", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "self-contained: {external}");
    }
}

#[test]
fn run_metadata_in_every_format() {
    let info = info();
    for (name, text) in written(&report()) {
        for value in [
            &info.started,
            &info.commit,
            &info.core_version,
            &info.server,
            &info.simulator,
            &info.platform,
        ] {
            assert!(text.contains(value.as_str()), "{name} lacks {value}");
        }
    }
    let now = RunInfo::now("http://server", "http://sim");
    assert_eq!(now.core_version, wxlogin_core::VERSION);
    assert!(now.started.ends_with(" UTC"), "{}", now.started);
    assert!(
        now.commit == "unknown"
            || (now.commit.len() == 40 && now.commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{}",
        now.commit
    );
    assert_eq!(
        now.platform,
        format!("{} {}", std::env::consts::OS, std::env::consts::ARCH)
    );
}

#[test]
fn a_failure_is_a_sentence_without_secrets() {
    for (name, text) in written(&report()) {
        for secret in [PHONE, OPENID, UNIONID] {
            assert!(!text.contains(secret), "{name} shows {secret}");
        }
        assert!(text.contains("199****4567"), "{name}: the masked phone");
        assert!(
            text.contains("期望:失败:绑定被拒:该账号已绑定其他手机号(40904);实际:成功:账号 #42(手机号 199****4567,微信已绑定)。"),
            "{name}: the Chinese sentence\n{text}"
        );
        assert!(
            text.contains("Expected error: binding refused: this account already has another phone (40904); got success: account #42 (phone 199****4567, WeChat bound)."),
            "{name}: the English sentence\n{text}"
        );
        // The stopped case says so in a sentence, its Debug redacted.
        assert!(
            text.contains("A step before the checks failed: expected the bind-phone page"),
            "{name}"
        );
    }
    let [(_, markdown), _, (_, html)] = written(&report());
    // The Rust values are there for a developer, redacted and folded away.
    for text in [&markdown, &html] {
        let details = &text[text.find("<details><summary>详情").expect("folded details")..];
        assert!(details.contains("BindingRefused"), "{details}");
        assert!(
            details.contains("wechat_open_id") && details.contains("[redacted]"),
            "{details}"
        );
    }
}

#[test]
fn device_steps_are_listed_and_counted_everywhere() {
    let report = report();
    let per_case: Vec<usize> = [2, 7, 17]
        .map(|id| qa_case(id).unwrap().device_steps.len())
        .to_vec();
    let total: usize = per_case.iter().sum();
    assert_eq!(report.device_steps(), total);
    let [(_, markdown), (_, junit), (_, html)] = written(&report);
    for (name, text) in [("md", &markdown), ("junit", &junit), ("html", &html)] {
        assert!(
            text.contains(&format!("真机步骤待做 {total} 项"))
                || text.contains(&format!("device_steps_to_do\" value=\"{total}\"")),
            "{name}: the total"
        );
        for n in &per_case {
            assert!(
                text.contains(&format!("真机步骤待做 {n} 项")),
                "{name}: {n} per case"
            );
        }
        let step = &qa_case(7).unwrap().device_steps_zh[0];
        assert!(
            text.contains(step.as_str()),
            "{name}: the Chinese device step"
        );
        let step = &qa_case(7).unwrap().device_steps[0];
        assert!(
            text.contains(step.as_str()),
            "{name}: the English device step"
        );
    }
    assert_eq!(
        markdown.matches("- [ ] ").count(),
        total,
        "a checklist item per step"
    );
}

#[test]
fn verdicts_and_sections_in_both_languages() {
    let [(_, markdown), (_, junit), (_, html)] = written(&report());
    for (name, text) in [("md", &markdown), ("html", &html)] {
        for label in [
            "通过",
            "pass",
            "失败",
            "fail",
            "自动检查",
            "automated checks",
            "真机步骤",
            "On a device",
            "开始时间",
            "started",
        ] {
            assert!(text.contains(label), "{name} lacks {label}");
        }
        let case = qa_case(2).unwrap();
        assert!(text.contains(case.automated_zh.as_str()), "{name}");
        assert!(text.contains(case.automated.as_str()), "{name}");
    }
    assert!(
        junit.contains("用例未能执行完 / the case could not run to its end"),
        "{junit}"
    );
}

#[test]
fn a_case_without_checks_does_not_pass() {
    let run = CaseRun {
        id: 1,
        checks: Checks::default(),
        aborted: None,
        duration: Duration::ZERO,
    };
    assert!(!run.passed());
}

#[test]
fn the_web_section_stands_apart_in_every_format() {
    let with_web = report_with_web();
    assert_eq!(
        with_web.failed(),
        3,
        "two seed failures and one web failure"
    );
    let [(_, markdown), (_, junit), (_, html)] = written(&with_web);
    assert!(
        junit.contains("<testsuite name=\"web-channels\" tests=\"2\" failures=\"1\""),
        "{junit}"
    );
    assert!(junit.contains("tests=\"5\" failures=\"3\""), "{junit}");
    assert!(junit.contains("case W3: "), "{junit}");
    for (name, text, heading) in [
        ("md", &markdown, "# 网页渠道 / Web channels"),
        (
            "html",
            &html,
            "网页渠道<span class=\"en\">Web channels</span>",
        ),
    ] {
        let web = &text[text
            .find(heading)
            .unwrap_or_else(|| panic!("{name}: no web section"))..];
        assert!(
            web.contains(WEB_CASES[0].title_zh) && web.contains(WEB_CASES[0].title_en),
            "{name}"
        );
        assert!(web.contains("W3"), "{name}");
        assert!(
            web.contains(WEB_CASES[2].device_steps[0].0),
            "{name}: a device step"
        );
        assert!(
            !web.contains(&qa_case(2).unwrap().title_en),
            "{name}: the seed's cases stay above"
        );
    }
    assert!(markdown.contains("网页渠道 通过 1,失败 1"), "{markdown}");
    assert!(
        markdown.contains("web channels: 1 passed, 1 failed"),
        "{markdown}"
    );

    let [(_, markdown), (_, junit), _] = written(&report());
    assert!(
        markdown.contains("the web section did not run"),
        "{markdown}"
    );
    assert!(!junit.contains("web-channels"), "{junit}");
}
