//! The runner's command line: a wrong selection or server address is refused before
//! anything starts (no banner, no simulator, no server), with exit status 2.

use std::process::{Command, Output};

fn qa(args: &[&str]) -> Output {
    let out = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_wxlogin-qa"))
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap()
}

#[track_caller]
fn refused(args: &[&str], says: &str) {
    let output = qa(args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stdout.is_empty(), "nothing started, no banner: {stdout}");
    assert!(stderr.contains(says), "{stderr}");
}

#[test]
fn an_unknown_case_is_refused_before_anything_starts() {
    refused(&["--only", "99"], "no case 99 (the cases are 1 to 18)");
    refused(&["--only", "0,5"], "没有用例 0");
}

#[test]
fn a_repeated_case_is_refused_before_anything_starts() {
    refused(&["--only", "5,5"], "case 5 given more than once");
    refused(
        &["--only", "17,5,17,5,17"],
        "case 5, 17 given more than once",
    );
}

#[test]
fn a_server_behind_tls_is_refused_with_the_reason() {
    refused(
        &[
            "--server",
            "https://staging.example",
            "--sim",
            "http://127.0.0.1:9",
        ],
        "plain http:// address",
    );
}
