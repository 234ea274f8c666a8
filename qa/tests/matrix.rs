//! The whole 18-case matrix as part of `cargo test`, on embedded defaults.

use wxlogin_qa::env::QaEnv;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_eighteen_seed_cases_pass() {
    let env = QaEnv::embedded()
        .await
        .expect("start the simulator and the server");
    let ids: Vec<u32> = (1..=18).collect();
    let report = wxlogin_qa::run::run(&env, &ids, "embedded".into(), false)
        .await
        .unwrap();
    let failed: Vec<String> = report
        .cases
        .iter()
        .filter(|c| !c.run.passed())
        .map(|c| {
            format!(
                "case {}: {:?} {:?}",
                c.case.id,
                c.run.aborted,
                wxlogin_qa::report::failures(c)
            )
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(report.cases.len(), 18);
    assert!(
        report.cases.iter().all(|c| !c.run.checks.items.is_empty()),
        "every case checks something"
    );
}
