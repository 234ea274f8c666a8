//! The whole 18-case matrix and the web section as part of `cargo test`, on embedded
//! defaults.

use wxlogin_qa::env::QaEnv;
use wxlogin_qa::selection::select;
use wxlogin_qa::web::{WebSection, WEB_CASES};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_eighteen_seed_cases_and_the_web_section_pass() {
    let env = QaEnv::embedded()
        .await
        .expect("start the simulator and the server");
    let ids = select(&[]).unwrap();
    let report = wxlogin_qa::run::run(&env, &ids, true, false).await.unwrap();
    let WebSection::Ran(web) = &report.web else {
        panic!("the embedded server has the web channels");
    };
    let failed: Vec<String> = report
        .cases
        .iter()
        .chain(web)
        .filter(|c| !c.run.passed())
        .flat_map(|c| {
            c.problems()
                .into_iter()
                .map(move |p| format!("case {}: {}: {}", c.case.label, p.label, p.sentence))
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(report.cases.len(), 18);
    assert_eq!(web.len(), WEB_CASES.len());
    assert!(
        report
            .cases
            .iter()
            .chain(web)
            .all(|c| !c.run.checks.items.is_empty()),
        "every case checks something"
    );
}
