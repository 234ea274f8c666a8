//! Fuzzes `WxLogin::on_auth_resp`, the entry point for the WeChat SDK's `BaseResp`.
//!
//! Everything in a callback (errCode, code, state) comes from outside the app: another
//! app can fire a forged `WXEntryActivity` intent or URL. The one thing that must hold
//! whatever arrives, in whatever order, is the login's security contract: a code comes
//! out only for errCode 0 with the exact state of the pending request, and only once.

#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wxlogin_core::{
    in_memory_store, AuthOutcome, AuthStart, Platform, WechatAvailability, WxLogin, WxLoginConfig,
};

/// Which state the callback carries. Random strings almost never hit the 190-bit state,
/// so the real one and near misses of it are offered explicitly.
#[derive(Arbitrary, Debug)]
enum StateChoice {
    Pending,
    /// A state of an earlier request (index taken modulo the number begun).
    Earlier(u8),
    Mutated(Mutation),
    Own(String),
    Absent,
}

/// Near misses of the pending state: what a forger who saw part of it, or a sloppy
/// comparison (prefix, case-insensitive, trimmed), would let through.
#[derive(Arbitrary, Debug)]
enum Mutation {
    Truncate(u8),
    Append(String),
    Prepend(String),
    FlipCase(u8),
    /// Replaces one byte with another ASCII byte (may be a no-op: then it is the state).
    Replace(u8, u8),
}

#[derive(Arbitrary, Debug)]
enum Step {
    Begin,
    /// A new `WxLogin` over the same store: the app was killed and restarted while
    /// WeChat was in front, so the pending request comes back from the stored record.
    Restart,
    Callback {
        err_code: i32,
        code: Option<String>,
        state: StateChoice,
    },
}

fn new_login(store: &std::sync::Arc<dyn wxlogin_core::SecureStore>) -> std::sync::Arc<WxLogin> {
    let config = WxLoginConfig {
        app_id: "wxfuzz0123456789".into(),
        platform: Platform::Android,
        // The longest lifetime allowed, so no request expires during a run and the
        // model below needs no clock.
        state_ttl_ms: 60 * 60 * 1000,
        grace_period_ms: 2000,
        server_url: None,
        request_timeout_ms: 15_000,
    };
    WxLogin::new(config, store.clone()).expect("valid config")
}

fn mutate(state: &str, m: &Mutation) -> String {
    let mut bytes = state.as_bytes().to_vec();
    match m {
        Mutation::Truncate(n) => bytes.truncate(*n as usize % (bytes.len() + 1)),
        Mutation::Append(s) => bytes.extend_from_slice(s.as_bytes()),
        Mutation::Prepend(s) => bytes = [s.as_bytes(), &bytes].concat(),
        Mutation::FlipCase(i) => {
            let i = *i as usize % bytes.len();
            bytes[i] = if bytes[i].is_ascii_lowercase() {
                bytes[i].to_ascii_uppercase()
            } else {
                bytes[i].to_ascii_lowercase()
            };
        }
        Mutation::Replace(i, b) => {
            let i = *i as usize % bytes.len();
            bytes[i] = b & 0x7f;
        }
    }
    String::from_utf8(bytes).expect("ASCII edits of an ASCII state stay UTF-8")
}

fuzz_target!(|steps: Vec<Step>| {
    let store = in_memory_store();
    let mut login = new_login(&store);

    // A model of the engine, just enough to state the invariants: every state issued,
    // which one is pending, and which were already authorized.
    let mut issued: Vec<String> = Vec::new();
    let mut pending: Option<usize> = None;
    let mut authorized: HashSet<usize> = HashSet::new();

    // A handful of steps covers begin/duplicate/replay/restart; longer inputs only slow
    // the fuzzer down.
    for step in steps.iter().take(12) {
        match step {
            Step::Begin => match login.begin_auth(WechatAvailability::Ready) {
                Ok(AuthStart::Request { state, .. }) => {
                    issued.push(state);
                    pending = Some(issued.len() - 1);
                }
                other => panic!("begin_auth with WeChat installed: {other:?}"),
            },
            Step::Restart => login = new_login(&store),
            Step::Callback {
                err_code,
                code,
                state,
            } => {
                let sent_state = match state {
                    StateChoice::Pending => pending.map(|i| issued[i].clone()),
                    StateChoice::Earlier(i) if !issued.is_empty() => {
                        Some(issued[*i as usize % issued.len()].clone())
                    }
                    StateChoice::Mutated(m) => pending.map(|i| mutate(&issued[i], m)),
                    StateChoice::Own(s) => Some(s.clone()),
                    _ => None,
                };
                let outcome = login
                    .on_auth_resp(
                        *err_code,
                        code.clone().map(Into::into),
                        sent_state.clone().map(Into::into),
                    )
                    .expect("in-memory store: on_auth_resp never fails");

                let exact_pending = pending.filter(|&i| sent_state.as_deref() == Some(&issued[i]));
                // What can be a WeChat code: 1 to 256 printable ASCII characters.
                let good_code = code.as_deref().filter(|c| {
                    c.len() <= 256 && !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic())
                });
                match &outcome {
                    AuthOutcome::Authorized { code: got } => {
                        assert_eq!(*err_code, 0, "code released for errCode {err_code}");
                        let Some(i) = exact_pending else {
                            panic!("code released without the exact pending state");
                        };
                        assert_eq!(Some(got.as_str()), good_code, "released code differs");
                        assert!(authorized.insert(i), "request {i} authorized twice");
                    }
                    // The converse: a well-formed answer to the pending request is not lost.
                    _ => assert!(
                        !(*err_code == 0 && exact_pending.is_some() && good_code.is_some()),
                        "valid callback refused: {outcome:?}"
                    ),
                }
                // Whatever the outcome, the exact pending state consumes the request.
                if exact_pending.is_some() {
                    pending = None;
                }
            }
        }
    }
});
