//! A narrated tour of the core, playing the WeChat app's side by hand:
//! `cargo run -p wxlogin-core --example walkthrough`.
//!
//! It calls only the public API, the same calls the Kotlin and Swift glue make.

use std::sync::Arc;

use wxlogin_core::{
    button_policy, in_memory_store, AuthOutcome, AuthStart, Platform, SecureStore, WebFlow,
    WechatAvailability, WxLogin, WxLoginConfig, WxLoginError,
};

const APP_ID: &str = "wx0123456789abcdef";

fn core(store: Arc<dyn SecureStore>, grace_ms: i64) -> Result<Arc<WxLogin>, WxLoginError> {
    WxLogin::new(
        WxLoginConfig {
            app_id: APP_ID.into(),
            platform: Platform::Android,
            state_ttl_ms: 600_000,
            grace_period_ms: grace_ms,
            server_url: None,
            request_timeout_ms: 15_000,
        },
        store,
    )
}

fn begin(core: &WxLogin) -> Result<String, WxLoginError> {
    match core.begin_auth(WechatAvailability::Ready)? {
        AuthStart::Request { scope, state } => {
            println!("  SendAuth.Req scope={scope} state=<{} chars>", state.len());
            Ok(state)
        }
        other => panic!("WeChat is installed, yet {other:?}"),
    }
}

fn show(what: &str, outcome: AuthOutcome) {
    println!("  {what:<48} -> {outcome:?}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), WxLoginError> {
    println!("1. Button policy (platform, WeChat availability)");
    for platform in [Platform::Android, Platform::Ios] {
        for availability in [
            WechatAvailability::Ready,
            WechatAvailability::NotInstalled,
            WechatAvailability::Outdated,
        ] {
            let policy = button_policy(platform, availability);
            println!("  {platform:?} {availability:?} -> {policy:?}");
        }
    }

    println!("\n2. A login, with the callbacks WeChat and attackers can send");
    let store = in_memory_store();
    let app = core(store.clone(), 2_000)?;
    let state = begin(&app)?;
    show(
        "forged callback (someone else's state)",
        app.on_auth_resp(0, Some("EVIL".into()), Some("x".repeat(32).into()))?,
    );
    show(
        "callback without a state",
        app.on_auth_resp(0, Some("EVIL".into()), None)?,
    );
    show(
        "the real callback",
        app.on_auth_resp(0, Some("081CODE".into()), Some(state.clone().into()))?,
    );
    show(
        "the SDK delivers it again",
        app.on_auth_resp(0, Some("081CODE".into()), Some(state.clone().into()))?,
    );
    show(
        "replay of the state with another code",
        app.on_auth_resp(0, Some("OTHER".into()), Some(state.into()))?,
    );

    println!("\n3. The app is killed while the user is in WeChat");
    let state = begin(&app)?;
    drop(app);
    let restarted = core(store, 2_000)?;
    show(
        "callback to a new process, same store",
        restarted.on_auth_resp(0, Some("082CODE".into()), Some(state.into()))?,
    );

    println!("\n4. The user comes back with the back button: no callback at all");
    let app = core(in_memory_store(), 300)?;
    begin(&app)?;
    app.on_app_foreground();
    show(
        "await_outcome after a 300 ms grace period",
        app.await_outcome().await?,
    );

    println!("\n5. Every errCode the SDK documents");
    for err_code in [-1, -2, -3, -4, -5, -6, -99] {
        let AuthStart::Request { state, .. } = app.begin_auth(WechatAvailability::Ready)? else {
            unreachable!("WeChat is installed")
        };
        show(
            &format!("errCode {err_code}"),
            app.on_auth_resp(err_code, None, Some(state.into()))?,
        );
    }

    println!("\n6. Website QR login");
    let request = app.begin_web_auth(WebFlow::QrConnect, "https://example.com/wechat/cb".into())?;
    println!("  open {}", request.url.replace(&request.state, "<state>"));
    let back = format!(
        "https://example.com/wechat/cb?code=WEB&state={}",
        request.state
    );
    show(
        "redirect back with code and state",
        app.parse_web_redirect(back.into())?,
    );
    Ok(())
}
