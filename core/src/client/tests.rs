//! Behaviour of [`WxLogin`] as an app sees it: every errCode, every state failure,
//! process death, the web flows and the grace period.

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::support::ManualClock;
use crate::{
    in_memory_store, AuthOutcome, AuthStart, OfficialAccountScope, WebFlow, WechatAvailability,
};

const APP_ID: &str = "wx0123456789abcdef";
const TTL_MS: i64 = 600_000;

fn config() -> WxLoginConfig {
    WxLoginConfig {
        app_id: APP_ID.into(),
        platform: Platform::Android,
        state_ttl_ms: TTL_MS,
        grace_period_ms: 30,
        server_url: None,
        request_timeout_ms: 15_000,
    }
}

fn core_over(store: Arc<dyn SecureStore>, clock: Arc<ManualClock>) -> WxLogin {
    WxLogin::with_clock(config(), store, clock).unwrap()
}

fn core() -> (WxLogin, Arc<ManualClock>) {
    let clock = ManualClock::at(1_700_000_000_000);
    (core_over(in_memory_store(), clock.clone()), clock)
}

fn begin(core: &WxLogin) -> String {
    match core.begin_auth(WechatAvailability::Ready).unwrap() {
        AuthStart::Request { scope, state } => {
            assert_eq!(scope, "snsapi_userinfo");
            state
        }
        other => panic!("expected a request, got {other:?}"),
    }
}

fn resp(core: &WxLogin, err_code: i32, code: Option<&str>, state: Option<&str>) -> AuthOutcome {
    core.on_auth_resp(err_code, code.map(Into::into), state.map(Into::into))
        .unwrap()
}

fn authorized(code: &str) -> AuthOutcome {
    AuthOutcome::Authorized { code: code.into() }
}

#[test]
fn ok_with_the_pending_state_yields_the_code_once() {
    let (core, _) = core();
    let state = begin(&core);
    assert!(core.is_auth_pending().unwrap());
    assert_eq!(
        resp(&core, 0, Some("CODE1"), Some(&state)),
        authorized("CODE1")
    );
    assert!(!core.is_auth_pending().unwrap());
    assert_eq!(
        resp(&core, 0, Some("CODE1"), Some(&state)),
        AuthOutcome::Duplicate
    );
    assert_eq!(
        resp(&core, 0, Some("CODE2"), Some(&state)),
        AuthOutcome::Replayed
    );
    assert_eq!(resp(&core, -2, None, Some(&state)), AuthOutcome::Replayed);
}

#[test]
fn every_err_code_resolves_the_request_without_a_code() {
    let cases = [
        (-1, AuthOutcome::Failed),
        (-2, AuthOutcome::Cancelled),
        (-3, AuthOutcome::SendFailed),
        (-4, AuthOutcome::Denied),
        (-5, AuthOutcome::Unsupported),
        (-6, AuthOutcome::SignatureMismatch),
        (-99, AuthOutcome::UnknownErrCode { err_code: -99 }),
        (7, AuthOutcome::UnknownErrCode { err_code: 7 }),
    ];
    for (err_code, expected) in cases {
        let (core, _) = core();
        let state = begin(&core);
        assert_eq!(resp(&core, err_code, None, Some(&state)), expected);
        assert!(!core.is_auth_pending().unwrap(), "errCode {err_code}");
        assert_eq!(
            resp(&core, err_code, None, Some(&state)),
            AuthOutcome::Duplicate
        );
        assert_eq!(
            resp(&core, 0, Some("CODE"), Some(&state)),
            AuthOutcome::Replayed,
            "a used state must not authorize after errCode {err_code}"
        );
    }
}

#[test]
fn a_wrong_state_is_refused_and_the_real_callback_still_counts() {
    let (core, _) = core();
    let state = begin(&core);
    let forged = "A".repeat(state.len());
    assert_eq!(
        resp(&core, 0, Some("EVIL"), Some(&forged)),
        AuthOutcome::StateMismatch
    );
    assert_eq!(
        resp(&core, -2, None, Some(&forged)),
        AuthOutcome::StateMismatch
    );
    let prefix = &state[..state.len() - 1];
    assert_eq!(
        resp(&core, 0, Some("EVIL"), Some(prefix)),
        AuthOutcome::StateMismatch
    );
    assert!(core.is_auth_pending().unwrap());
    assert_eq!(
        resp(&core, 0, Some("REAL"), Some(&state)),
        authorized("REAL")
    );
}

#[test]
fn missing_empty_and_oversized_states_are_their_own_outcomes() {
    let (core, _) = core();
    let state = begin(&core);
    assert_eq!(resp(&core, 0, Some("C"), None), AuthOutcome::StateMissing);
    assert_eq!(
        resp(&core, 0, Some("C"), Some("")),
        AuthOutcome::StateMissing
    );
    let huge = format!("{state}{}", "x".repeat(2048));
    assert_eq!(
        resp(&core, 0, Some("C"), Some(&huge)),
        AuthOutcome::StateOversized
    );
    assert!(core.is_auth_pending().unwrap());
}

#[test]
fn ok_without_a_code_uses_up_the_request() {
    for code in [None, Some("")] {
        let (core, _) = core();
        let state = begin(&core);
        assert_eq!(resp(&core, 0, code, Some(&state)), AuthOutcome::MissingCode);
        assert!(!core.is_auth_pending().unwrap());
    }
}

#[test]
fn an_expired_state_yields_no_code() {
    let (core, clock) = core();
    let state = begin(&core);
    clock.advance(TTL_MS as u64 - 1);
    assert!(core.is_auth_pending().unwrap());
    clock.advance(1);
    assert!(!core.is_auth_pending().unwrap());
    assert_eq!(
        resp(&core, 0, Some("C"), Some(&state)),
        AuthOutcome::StateExpired
    );
    assert_eq!(
        resp(&core, 0, Some("C"), Some(&state)),
        AuthOutcome::Duplicate
    );
}

#[test]
fn a_new_instance_over_the_same_store_validates_the_callback() {
    let store = in_memory_store();
    let clock = ManualClock::at(5_000);
    let state = begin(&core_over(store.clone(), clock.clone()));
    // The process was killed while the user was in WeChat; the app starts again.
    let restarted = core_over(store.clone(), clock.clone());
    assert!(restarted.is_auth_pending().unwrap());
    assert_eq!(
        resp(&restarted, 0, Some("C9"), Some(&state)),
        authorized("C9")
    );
    // The SDK delivers once more to yet another instance: still only once.
    let again = core_over(store, clock);
    assert_eq!(
        resp(&again, 0, Some("C9"), Some(&state)),
        AuthOutcome::Duplicate
    );
}

#[test]
fn callbacks_without_any_request_are_refused() {
    let (core, _) = core();
    assert_eq!(
        resp(&core, 0, Some("C"), Some("abcdef")),
        AuthOutcome::NoPendingRequest
    );
}

#[test]
fn a_new_request_replaces_the_old_one() {
    let (core, _) = core();
    let old = begin(&core);
    let new = begin(&core);
    assert_ne!(old, new);
    assert_eq!(
        resp(&core, 0, Some("C"), Some(&old)),
        AuthOutcome::Duplicate
    );
    assert_eq!(resp(&core, 0, Some("C"), Some(&new)), authorized("C"));
}

#[test]
fn cancel_makes_a_late_callback_harmless() {
    let (core, _) = core();
    let state = begin(&core);
    assert!(core.cancel_auth().unwrap());
    assert!(!core.cancel_auth().unwrap());
    assert_eq!(
        resp(&core, 0, Some("C"), Some(&state)),
        AuthOutcome::Duplicate
    );
}

#[test]
fn no_request_without_a_usable_wechat() {
    let (core, _) = core();
    assert_eq!(
        core.begin_auth(WechatAvailability::NotInstalled).unwrap(),
        AuthStart::NotInstalled
    );
    assert_eq!(
        core.begin_auth(WechatAvailability::Outdated).unwrap(),
        AuthStart::UpdateRequired
    );
    assert!(!core.is_auth_pending().unwrap());
}

#[test]
fn states_are_fresh_alphanumeric_and_long_enough() {
    let (core, _) = core();
    let a = begin(&core);
    let b = begin(&core);
    assert_ne!(a, b);
    for s in [a, b] {
        assert!(s.len() >= 22, "fewer than 128 bits: {}", s.len());
        assert!(s.len() <= 128);
        assert!(s.bytes().all(|c| c.is_ascii_alphanumeric()));
    }
}

#[test]
fn bad_configuration_is_a_typed_error() {
    let bad = [
        WxLoginConfig {
            app_id: "".into(),
            ..config()
        },
        WxLoginConfig {
            app_id: "0123456789".into(),
            ..config()
        },
        WxLoginConfig {
            app_id: "wx-1234".into(),
            ..config()
        },
        WxLoginConfig {
            state_ttl_ms: 0,
            ..config()
        },
        WxLoginConfig {
            state_ttl_ms: MAX_TTL_MS as i64 + 1,
            ..config()
        },
        WxLoginConfig {
            grace_period_ms: MAX_GRACE_MS as i64 + 1,
            ..config()
        },
        WxLoginConfig {
            state_ttl_ms: -1,
            ..config()
        },
        WxLoginConfig {
            grace_period_ms: -1,
            ..config()
        },
        WxLoginConfig {
            request_timeout_ms: 0,
            ..config()
        },
        WxLoginConfig {
            request_timeout_ms: i64::MIN,
            ..config()
        },
    ];
    for cfg in bad {
        let shown = format!("{cfg:?}");
        assert!(
            matches!(
                WxLogin::new(cfg, in_memory_store()),
                Err(WxLoginError::InvalidConfig { .. })
            ),
            "{shown}"
        );
    }
}

/// The shipped library has no Unicode IDNA mapping: a server URL with a Unicode host name is
/// refused at construction with a reason that names the fix, and its punycode form works.
#[test]
fn a_unicode_server_host_is_invalid_config_and_punycode_is_accepted() {
    let unicode = WxLoginConfig {
        server_url: Some("https://登录.例子.cn/api".into()),
        ..config()
    };
    match WxLogin::new(unicode, in_memory_store()) {
        Err(WxLoginError::InvalidConfig { reason }) => {
            assert!(reason.contains("punycode"), "{reason}")
        }
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("a Unicode host name was accepted"),
    }
    let punycode = WxLoginConfig {
        server_url: Some("https://xn--w2t382c.xn--fsqu00a.cn/api".into()),
        ..config()
    };
    assert!(WxLogin::new(punycode, in_memory_store()).is_ok());
}

/// A store whose device keystore is locked: every call fails.
struct BrokenStore;

impl SecureStore for BrokenStore {
    fn get(&self, _: String) -> std::result::Result<Option<String>, WxLoginError> {
        Err(WxLoginError::Storage {
            reason: "keystore locked".into(),
        })
    }
    fn set(&self, _: String, _: String) -> std::result::Result<(), WxLoginError> {
        Err(WxLoginError::Storage {
            reason: "keystore locked".into(),
        })
    }
    fn delete(&self, _: String) -> std::result::Result<(), WxLoginError> {
        Ok(())
    }
}

#[test]
fn a_failing_store_is_a_storage_error_never_a_code() {
    let core = WxLogin::new(config(), Arc::new(BrokenStore)).unwrap();
    assert!(matches!(
        core.begin_auth(WechatAvailability::Ready),
        Err(WxLoginError::Storage { .. })
    ));
    let got = core.on_auth_resp(0, Some("C".into()), Some("abc".into()));
    match got {
        Err(WxLoginError::Storage { reason }) => assert!(reason.contains("keystore locked")),
        other => panic!("expected a storage error, got {other:?}"),
    }
}

#[test]
fn a_corrupt_record_is_treated_as_no_request() {
    let store = in_memory_store();
    store
        .set(
            format!("wxlogin.auth.{APP_ID}"),
            "{\"v\":1,\"pending\":".into(),
        )
        .unwrap();
    let core = core_over(store, ManualClock::at(1));
    assert_eq!(
        resp(&core, 0, Some("C"), Some("abc")),
        AuthOutcome::NoPendingRequest
    );
    let state = begin(&core);
    assert_eq!(resp(&core, 0, Some("C"), Some(&state)), authorized("C"));
}

#[test]
fn two_apps_on_one_store_do_not_share_requests() {
    let store = in_memory_store();
    let clock = ManualClock::at(1);
    let first = core_over(store.clone(), clock.clone());
    let other_cfg = WxLoginConfig {
        app_id: "wxfedcba9876543210".into(),
        ..config()
    };
    let second = WxLogin::with_clock(other_cfg, store, clock).unwrap();
    let state = begin(&first);
    assert_eq!(
        resp(&second, 0, Some("C"), Some(&state)),
        AuthOutcome::NoPendingRequest
    );
    assert_eq!(resp(&first, 0, Some("C"), Some(&state)), authorized("C"));
}

fn query_param(url: &str, name: &str) -> Option<String> {
    let parsed = url::Url::parse(url).unwrap();
    let value = parsed
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned());
    value
}

#[test]
fn qr_login_round_trip() {
    let (core, _) = core();
    let redirect = "https://app.example/wechat/callback?from=pc";
    let request = core
        .begin_web_auth(WebFlow::QrConnect, redirect.into())
        .unwrap();
    assert!(request
        .url
        .starts_with("https://open.weixin.qq.com/connect/qrconnect?"));
    assert!(request.url.ends_with("#wechat_redirect"));
    assert_eq!(query_param(&request.url, "appid").as_deref(), Some(APP_ID));
    assert_eq!(
        query_param(&request.url, "redirect_uri").as_deref(),
        Some(redirect)
    );
    assert_eq!(
        query_param(&request.url, "scope").as_deref(),
        Some("snsapi_login")
    );
    assert_eq!(
        query_param(&request.url, "state"),
        Some(request.state.clone())
    );

    let back = format!("{redirect}&code=WEB1&state={}", request.state);
    assert_eq!(
        core.parse_web_redirect(back.clone().into()).unwrap(),
        authorized("WEB1")
    );
    assert_eq!(
        core.parse_web_redirect(back.into()).unwrap(),
        AuthOutcome::Duplicate
    );
}

#[test]
fn official_account_denial_and_foreign_urls() {
    let (core, _) = core();
    let redirect = "https://h5.example/auth";
    let request = core
        .begin_web_auth(
            WebFlow::OfficialAccount {
                scope: OfficialAccountScope::Base,
            },
            redirect.into(),
        )
        .unwrap();
    assert_eq!(
        query_param(&request.url, "scope").as_deref(),
        Some("snsapi_base")
    );

    let elsewhere = format!("https://evil.example/auth?code=X&state={}", request.state);
    assert!(matches!(
        core.parse_web_redirect(elsewhere.into()),
        Err(WxLoginError::InvalidRedirect { .. })
    ));
    assert!(matches!(
        core.parse_web_redirect(format!("{redirect}?foo=1").into()),
        Err(WxLoginError::InvalidRedirect { .. })
    ));
    assert_eq!(
        core.parse_web_redirect(format!("{redirect}?state=WRONG").into())
            .unwrap(),
        AuthOutcome::StateMismatch
    );
    assert_eq!(
        core.parse_web_redirect(format!("{redirect}?code=X").into())
            .unwrap(),
        AuthOutcome::StateMissing
    );
    assert_eq!(
        core.parse_web_redirect(format!("{redirect}?state={}", request.state).into())
            .unwrap(),
        AuthOutcome::Denied
    );
}

#[test]
fn web_redirect_uri_must_be_https() {
    let (core, _) = core();
    let got = core.begin_web_auth(WebFlow::QrConnect, "http://app.example/cb".into());
    assert!(matches!(got, Err(WxLoginError::InvalidConfig { .. })));
    assert!(!core.is_auth_pending().unwrap());
}

fn live_core(grace_ms: i64, ttl_ms: i64) -> Arc<WxLogin> {
    let cfg = WxLoginConfig {
        grace_period_ms: grace_ms,
        state_ttl_ms: ttl_ms,
        ..config()
    };
    WxLogin::new(cfg, in_memory_store()).unwrap()
}

#[tokio::test]
async fn await_outcome_wakes_on_a_callback_from_another_thread() {
    let core = live_core(30, TTL_MS);
    let state = begin(&core);
    let delivering = core.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        resp(&delivering, 0, Some("T1"), Some(&state))
    });
    assert_eq!(core.await_outcome().await.unwrap(), authorized("T1"));
    assert_eq!(thread.join().unwrap(), authorized("T1"));
    assert_eq!(
        core.await_outcome().await.unwrap(),
        AuthOutcome::NoPendingRequest
    );
}

#[tokio::test]
async fn back_in_the_foreground_without_a_callback_resolves_as_cancelled() {
    let core = live_core(30, TTL_MS);
    let state = begin(&core);
    core.on_app_foreground();
    assert_eq!(core.await_outcome().await.unwrap(), AuthOutcome::Cancelled);
    assert_eq!(
        resp(&core, 0, Some("LATE"), Some(&state)),
        AuthOutcome::Duplicate
    );
}

#[tokio::test]
async fn a_callback_within_the_grace_period_wins() {
    let core = live_core(5_000, TTL_MS);
    let state = begin(&core);
    core.on_app_foreground();
    let delivering = core.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        resp(&delivering, 0, Some("G1"), Some(&state))
    });
    assert_eq!(core.await_outcome().await.unwrap(), authorized("G1"));
}

#[tokio::test]
async fn waiting_never_outlasts_the_state_lifetime() {
    let core = live_core(30, 40);
    begin(&core);
    assert_eq!(
        core.await_outcome().await.unwrap(),
        AuthOutcome::StateExpired
    );
}

#[tokio::test]
async fn an_outcome_that_came_first_is_picked_up_once() {
    let core = live_core(30, TTL_MS);
    let state = begin(&core);
    assert_eq!(resp(&core, -4, None, Some(&state)), AuthOutcome::Denied);
    assert_eq!(core.await_outcome().await.unwrap(), AuthOutcome::Denied);
    assert_eq!(
        core.await_outcome().await.unwrap(),
        AuthOutcome::NoPendingRequest
    );
}

#[tokio::test]
async fn nothing_pending_returns_at_once() {
    let core = live_core(30, TTL_MS);
    assert_eq!(
        core.await_outcome().await.unwrap(),
        AuthOutcome::NoPendingRequest
    );
}

proptest! {
    /// Whatever arrives, a code comes out only for errCode 0 with the exact pending
    /// state and a code that can be one (printable ASCII without spaces), and only once.
    #[test]
    fn only_the_exact_state_with_err_code_zero_authorizes(
        err_code in prop_oneof![Just(0), -10i32..10, any::<i32>()],
        code in proptest::option::of("[ -~]{0,12}"),
        tamper in prop_oneof![Just(None), (0usize..32, any::<char>()).prop_map(Some)],
        use_state in any::<bool>(),
    ) {
        let (core, _) = core();
        let state = begin(&core);
        let sent_state = match (use_state, tamper) {
            (false, _) => None,
            (true, None) => Some(state.clone()),
            (true, Some((i, c))) => {
                let mut chars: Vec<char> = state.chars().collect();
                chars[i] = c;
                Some(chars.into_iter().collect())
            }
        };
        let outcome = resp(&core, err_code, code.as_deref(), sent_state.as_deref());
        let exact = sent_state.as_deref() == Some(state.as_str());
        let non_empty = code
            .as_deref()
            .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic()));
        if let AuthOutcome::Authorized { code: got } = &outcome {
            prop_assert!(exact && err_code == 0 && non_empty);
            prop_assert_eq!(Some(got.as_str()), code.as_deref());
        } else {
            prop_assert!(!(exact && err_code == 0 && non_empty), "{:?}", outcome);
        }
        let again = resp(&core, err_code, code.as_deref(), sent_state.as_deref());
        let again_authorized = matches!(again, AuthOutcome::Authorized { .. });
        prop_assert!(!again_authorized);
    }
}

/// Collects what the core logs, as an app's Logcat forwarder would.
#[derive(Default)]
struct CapturingLogger(std::sync::Mutex<Vec<crate::LogRecord>>);

impl crate::Logger for CapturingLogger {
    fn log(&self, record: crate::LogRecord) {
        self.0.lock().unwrap().push(record);
    }
}

#[test]
fn logs_tell_what_happened_without_states_or_codes() {
    let logger = Arc::new(CapturingLogger::default());
    crate::set_logger(Some(logger.clone()), crate::LogLevel::Trace);
    let (core, _) = core();
    let state = begin(&core);
    resp(&core, 0, Some("SECRETCODE42"), Some("WrongStateValue123"));
    resp(&core, 0, Some("SECRETCODE42"), Some(&state));
    resp(&core, 0, Some("SECRETCODE42"), Some(&state));
    crate::set_logger(None, crate::LogLevel::Trace);

    let lines = logger.0.lock().unwrap();
    let ours: Vec<_> = lines
        .iter()
        .filter(|r| r.target.starts_with("wxlogin_core"))
        .collect();
    assert!(
        ours.iter().any(|r| r.message.contains("Authorized")),
        "{ours:?}"
    );
    assert!(ours.iter().any(|r| r.level == crate::LogLevel::Warn));
    for line in lines.iter() {
        for secret in ["SECRETCODE42", "WrongStateValue123", state.as_str()] {
            assert!(!line.message.contains(secret), "leaked in {line:?}");
        }
    }
}
