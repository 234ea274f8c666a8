//! The `wxlogin-sim` binary: announces itself, serves the configured apps, stops on SIGTERM.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn binary_serves_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
        .args(["--listen", "127.0.0.1:0", "--app", "wxCli:cli-secret:acme"])
        .env("WXLOGIN_SIM_APPS", "wxEnv:env-secret")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base_url = line
        .trim()
        .strip_prefix("wxlogin-sim listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(!line.contains("cli-secret"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let status = runtime.block_on(async {
        let body = serde_json::json!({"appid": "wxCli", "user": "u", "scope": "snsapi_base"});
        reqwest::Client::new()
            .post(format!("{base_url}/sim/authorize"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200, "the --app given on the command line is served");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(child.wait().unwrap().success(), "SIGTERM is a clean exit");
}

#[test]
fn apps_come_from_the_environment_too() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
        .args(["--listen", "127.0.0.1:0"])
        .env("WXLOGIN_SIM_APPS", "wxEnv1:s1,wxEnv2:s2:acme")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base_url = line.trim().rsplit(' ').next().unwrap().to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let statuses = runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for appid in ["wxEnv1", "wxEnv2"] {
            let body = serde_json::json!({"appid": appid, "user": "u", "scope": "snsapi_base"});
            let response = client
                .post(format!("{base_url}/sim/authorize"))
                .json(&body)
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
        statuses
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(statuses, [200, 200]);
}

/// `--website-app` and `--official-account` register web apps with their domains: the QR
/// page opens for the website app on its domain and refuses another domain.
#[test]
fn web_apps_come_from_the_command_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--website-app",
            "wxWebCli:web-secret:www.example.com",
            "--official-account",
            "wxOaCli:oa-secret:127.0.0.1:-",
        ])
        .env_remove("WXLOGIN_SIM_APPS")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base_url = line.trim().rsplit(' ').next().unwrap().to_owned();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (on_domain, off_domain, official) = runtime.block_on(async {
        let client = reqwest::Client::new();
        let page = |appid: &'static str, path: &'static str, uri: &'static str, scope| {
            let client = client.clone();
            let url = format!("{base_url}{path}");
            async move {
                client
                    .get(url)
                    .query(&[
                        ("appid", appid),
                        ("redirect_uri", uri),
                        ("response_type", "code"),
                        ("scope", scope),
                        ("state", "s"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        let qr = "/connect/qrconnect";
        (
            page("wxWebCli", qr, "https://www.example.com/cb", "snsapi_login").await,
            page("wxWebCli", qr, "https://example.com/cb", "snsapi_login").await,
            page(
                "wxOaCli",
                "/connect/oauth2/authorize",
                "http://127.0.0.1/cb",
                "snsapi_base",
            )
            .await,
        )
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(on_domain.contains("data-ticket"), "{on_domain}");
    assert!(off_domain.contains("redirect_uri 参数错误"), "{off_domain}");
    assert!(official.contains("请在微信客户端打开链接"), "{official}");
}

#[test]
fn a_web_app_without_a_domain_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
        .args(["--listen", "127.0.0.1:0", "--website-app", "wxW:secret"])
        .env_remove("WXLOGIN_SIM_APPS")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("DOMAIN"));
}

#[test]
fn no_app_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
        .args(["--listen", "127.0.0.1:0"])
        .env_remove("WXLOGIN_SIM_APPS")
        .output()
        .unwrap();
    assert!(!output.status.success());
}

/// Scripts stop the simulator as soon as they are done with it, possibly right after
/// reading the ready line: the signal handler must already be in place by then. Before
/// it was installed ahead of the line, about half of these exits were the default kill.
#[test]
fn sigterm_right_after_the_ready_line_is_a_clean_exit() {
    for round in 0..8 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-sim"))
            .args(["--listen", "127.0.0.1:0", "--app", "wxRace:race-secret"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.starts_with("wxlogin-sim listening on "), "{line:?}");
        let killed = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let exit = child.wait().unwrap();
        assert!(exit.success(), "round {round}: exit status {exit}");
    }
}
