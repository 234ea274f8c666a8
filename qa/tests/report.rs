//! The reports say which case failed and why, in every format.

use std::time::Duration;

use wxlogin_core::qa_case;
use wxlogin_qa::cases::CaseRun;
use wxlogin_qa::check::Checks;
use wxlogin_qa::report::{CaseReport, Report};

fn report() -> Report {
    let mut good = Checks::default();
    good.eq("binding the same WeChat again is a no-op", 1, 1);
    let mut bad = Checks::default();
    bad.eq("a second phone is refused", "Ok(account)", "BindingRefused");
    bad.that("<script>alert(1)</script>", true, "");
    Report {
        cases: vec![
            CaseReport {
                case: qa_case(2).unwrap(),
                run: CaseRun {
                    id: 2,
                    checks: good,
                    aborted: None,
                    duration: Duration::from_millis(5),
                },
            },
            CaseReport {
                case: qa_case(7).unwrap(),
                run: CaseRun {
                    id: 7,
                    checks: bad,
                    aborted: None,
                    duration: Duration::from_millis(9),
                },
            },
            CaseReport {
                case: qa_case(17).unwrap(),
                run: CaseRun {
                    id: 17,
                    checks: Checks::default(),
                    aborted: Some("proxy: address in use".into()),
                    duration: Duration::ZERO,
                },
            },
        ],
        duration: Duration::from_secs(1),
        target: "test".into(),
    }
}

#[test]
fn failures_are_counted_and_named_everywhere() {
    let report = report();
    assert_eq!(report.failed(), 2);
    let dir = tempfile::tempdir().unwrap();
    report.write(dir.path()).unwrap();
    let junit = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    assert!(junit.contains("tests=\"3\" failures=\"2\""), "{junit}");
    assert_eq!(junit.matches("<failure").count(), 2);
    assert!(junit.contains("a second phone is refused: got"), "{junit}");
    assert!(junit.contains("aborted: proxy: address in use"));
    assert!(junit.contains("微信登录,已绑定手机号,再次绑定其他手机号"));

    let markdown = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(markdown.starts_with("# wxlogin QA matrix"));
    assert!(markdown.contains("1 of 3 cases passed"));
    assert!(markdown.contains("❌ a second phone is refused"));
    assert!(
        markdown.contains("- [ ] "),
        "device steps are listed as a checklist"
    );

    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(!html.contains("<script>"), "check names are escaped");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained: no external resource"
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
