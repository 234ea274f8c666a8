//! The whole 18-case matrix as part of `cargo test`, on embedded defaults.

use wxlogin_qa::env::QaEnv;
use wxlogin_qa::selection::select;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_eighteen_seed_cases_pass() {
    let env = QaEnv::embedded()
        .await
        .expect("start the simulator and the server");
    let ids = select(&[]).unwrap();
    let report = wxlogin_qa::run::run(&env, &ids, false).await.unwrap();
    let failed: Vec<String> = report
        .cases
        .iter()
        .filter(|c| !c.run.passed())
        .flat_map(|c| {
            c.problems()
                .into_iter()
                .map(move |p| format!("case {}: {}: {}", c.case.id, p.label, p.sentence))
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(report.cases.len(), 18);
    assert!(
        report.cases.iter().all(|c| !c.run.checks.items.is_empty()),
        "every case checks something"
    );
}
