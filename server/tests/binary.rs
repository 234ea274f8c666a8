//! The `wxlogin-server` binary as QA scripts and operators run it: the documented flag
//! names (and their environment variables), a ready line, no secret in its logs, and a
//! clean exit on SIGTERM.

mod common;

use std::io::Read;
use std::process::{Child, Command, Stdio};

use serde_json::json;
use wxlogin_sim::{AppConfig, SimConfig, Simulator};

const SECRET: &str = "binary-test-secret-77";

fn stop(mut child: Child) -> String {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    logs
}

/// The simulator the binary under test talks to, knowing this test's AppSecret.
async fn simulator() -> wxlogin_sim::SimHandle {
    Simulator::new(SimConfig::default().with_app(AppConfig::new(common::APP_ID, SECRET, "acme")))
        .spawn("127.0.0.1:0")
        .await
        .unwrap()
}

#[tokio::test]
async fn flags_ready_line_secret_free_logs_and_sigterm() {
    let sim = simulator().await;
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("bin.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-server"))
        .args(["--listen", "127.0.0.1:0", "--database-url", &database])
        .args([
            "--wechat-api-base",
            &sim.base_url(),
            "--wechat-app-id",
            common::APP_ID,
        ])
        .args(["--wechat-app-secret", SECRET, "--dev"])
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = common::ready_url(&mut child);

    let code = sim
        .control()
        .unwrap()
        .authorize(
            common::APP_ID,
            "bin-user",
            wxlogin_sim::control::Scope::SnsapiUserinfo,
        )
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{base}/v1/auth/wechat"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(login["data"]["is_bind"], false);
    let sms = http
        .post(format!("{base}/v1/captcha"))
        .json(&json!({"mobile": "13800138000", "purpose": "bind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(sms.status(), 200);

    let logs = stop(child);
    assert!(logs.contains("starting"), "{logs}");
    for secret in [
        SECRET,
        code.as_str(),
        login["data"]["bind_ticket"].as_str().unwrap(),
        "13800138000",
    ] {
        assert!(!logs.contains(secret), "logs leak {secret}");
    }
}

#[tokio::test]
async fn every_flag_reads_its_environment_variable() {
    let sim = simulator().await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-server"))
        .env("WXLOGIN_LISTEN", "127.0.0.1:0")
        .env(
            "WXLOGIN_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.path().join("env.db").display()),
        )
        .env("WXLOGIN_WECHAT_API_BASE", sim.base_url())
        .env("WXLOGIN_WECHAT_APP_ID", common::APP_ID)
        .env("WXLOGIN_WECHAT_APP_SECRET", SECRET)
        .env("WXLOGIN_DEV", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = common::ready_url(&mut child);
    let dev = reqwest::get(format!("{base}/dev/sms?mobile=13800138000"))
        .await
        .unwrap();
    assert_eq!(
        dev.status(),
        404,
        "the dev route exists (404 = no captcha yet, with an envelope)"
    );
    let body: serde_json::Value = dev.json().await.unwrap();
    assert_eq!(body["msg"], "no captcha sent to this phone");
    stop(child);
}

/// Scripts stop the server as soon as they are done with it, possibly right after reading
/// the ready line: the signal handler must already be in place by then.
#[tokio::test]
async fn sigterm_right_after_the_ready_line_is_a_clean_exit() {
    let sim = simulator().await;
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("race.db").display());
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-server"))
            .args(["--listen", "127.0.0.1:0", "--database-url", &database])
            .args(["--wechat-api-base", &sim.base_url()])
            .args(["--wechat-app-id", common::APP_ID])
            .env("WXLOGIN_WECHAT_APP_SECRET", SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        common::ready_url(&mut child);
        stop(child);
    }
}

#[test]
fn missing_wechat_credentials_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_wxlogin-server"))
        .args(["--listen", "127.0.0.1:0"])
        .env_remove("WXLOGIN_WECHAT_APP_ID")
        .env_remove("WXLOGIN_WECHAT_APP_SECRET")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--wechat-app-id"), "{stderr}");
}
