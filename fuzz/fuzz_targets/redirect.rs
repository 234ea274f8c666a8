//! Fuzzes `WxLogin::parse_web_redirect`, which reads the URL a browser or web view was
//! sent back to after a web (QR) login.
//!
//! That URL is whatever the page navigated to: any site the user visits, or a crafted
//! link, can reach the app's redirect handler. The parser must never panic on it (a
//! panic crosses UniFFI as an exception the app did not expect), and a code must come
//! out only when the URL is the pending request's redirect carrying its exact state.

#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use url::Url;
use wxlogin_core::{
    in_memory_store, AuthOutcome, Platform, WebFlow, WxLogin, WxLoginConfig, WxLoginError,
};

const REDIRECT_URI: &str = "https://app.example/cb";

/// How the fuzz bytes become a URL. The state is 32 random characters: the fuzzer will
/// never guess it, so `Spliced` puts the real one in for it, to reach the `Authorized`
/// path and the checks after it.
#[derive(Arbitrary, Debug)]
enum Shape {
    /// The fuzz string is the whole URL: scheme, host and path parsing.
    Whole(String),
    /// `https://app.example/cb?` + fuzz string: query parsing on the right endpoint.
    Query(String),
    /// `https://app.example/cb?` + before + pending state + after.
    Spliced { before: String, after: String },
    /// before + pending state + after, with the endpoint left to the fuzzer too.
    SplicedWhole { before: String, after: String },
    /// `https://app.example/cb?` + before + `code=` + code + `&state=` + pending state +
    /// after. In a 60 s run the fuzzer never spelled both names by itself, so without
    /// this shape the `Authorized` path (and every check on it) went unreached.
    Params {
        before: String,
        code: String,
        after: String,
    },
}

#[derive(Arbitrary, Debug)]
enum Step {
    Begin,
    Redirect(Shape),
}

/// The one value of `name` in the query, or `None` when it is absent or repeated.
fn single(url: &Url, name: &str) -> Option<String> {
    let mut values = url.query_pairs().filter(|(k, _)| k == name);
    match (values.next(), values.next()) {
        (Some((_, v)), None) => Some(v.into_owned()),
        _ => None,
    }
}

fuzz_target!(|steps: Vec<Step>| {
    let config = WxLoginConfig {
        app_id: "wxfuzz0123456789".into(),
        platform: Platform::Ios,
        state_ttl_ms: 60 * 60 * 1000, // nothing expires during a run
        grace_period_ms: 2000,
        server_url: None,
        request_timeout_ms: 15_000,
    };
    let login = WxLogin::new(config, in_memory_store()).expect("valid config");
    let begin = || {
        login
            .begin_web_auth(WebFlow::QrConnect, REDIRECT_URI.into())
            .expect("valid redirect URI")
            .state
    };

    // Model: the pending state (consumed by any redirect that carries it) and the
    // states that already gave out a code.
    let mut pending = Some(begin());
    let mut last = pending.clone().unwrap();
    let mut authorized: HashSet<String> = HashSet::new();

    for step in steps.iter().take(8) {
        let shape = match step {
            Step::Begin => {
                last = begin();
                pending = Some(last.clone());
                continue;
            }
            Step::Redirect(shape) => shape,
        };
        // Splice the latest state issued even when it is no longer pending, so that
        // duplicates and replays of a used state are exercised too.
        let url = match shape {
            Shape::Whole(s) => s.clone(),
            Shape::Query(s) => format!("{REDIRECT_URI}?{s}"),
            Shape::Spliced { before, after } => format!("{REDIRECT_URI}?{before}{last}{after}"),
            Shape::SplicedWhole { before, after } => format!("{before}{last}{after}"),
            Shape::Params {
                before,
                code,
                after,
            } => format!("{REDIRECT_URI}?{before}code={code}&state={last}{after}"),
        };

        let outcome = match login.parse_web_redirect(url.clone().into()) {
            Ok(outcome) => outcome,
            // Refusing a URL is fine; any other error means the core broke.
            Err(WxLoginError::InvalidRedirect { .. }) => continue,
            Err(other) => panic!("parse_web_redirect failed: {other}"),
        };

        // Read back what the URL carries, independently of the outcome.
        let parsed = Url::parse(&url).expect("the core accepted it, so it parses");
        let state = single(&parsed, "state");
        let exact_pending = pending.is_some() && state == pending;
        if let AuthOutcome::Authorized { code } = &outcome {
            assert!(
                exact_pending,
                "code released without the exact pending state"
            );
            assert!(!code.is_empty(), "empty code released");
            assert_eq!(
                single(&parsed, "code").as_ref(),
                Some(code),
                "code not from URL"
            );
            assert!(
                parsed.scheme() == "https"
                    && parsed.host_str() == Some("app.example")
                    && parsed.port_or_known_default() == Some(443)
                    && parsed.path() == "/cb",
                "code released for another endpoint: {url:?}"
            );
            assert!(authorized.insert(last.clone()), "request authorized twice");
        }
        if exact_pending {
            pending = None;
        }
    }
});
