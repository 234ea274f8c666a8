//! Where captchas go: an SMS provider in production, the log in development.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// A real SMS provider implements this (Aliyun, Tencent Cloud …) and is passed to
/// [`crate::Server::with_sms_sender`].
pub trait SmsSender: Send + Sync {
    fn send<'a>(&'a self, mobile: &'a str, captcha: &'a str) -> SendFuture<'a>;

    /// The last captcha sent to `mobile`, for the development endpoint only.
    fn last_sent(&self, _mobile: &str) -> Option<String> {
        None
    }
}

/// Development: logs that a captcha was sent (the number masked, the captcha not
/// logged) and keeps the latest per phone for `GET /dev/sms`.
#[derive(Default)]
pub struct DevSmsSender {
    sent: Mutex<HashMap<String, String>>,
}

impl SmsSender for DevSmsSender {
    fn send<'a>(&'a self, mobile: &'a str, captcha: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(mobile = %mask(mobile), "dev SMS sender: captcha issued (read it from GET /dev/sms)");
            self.sent
                .lock()
                .map_err(|_| "dev SMS store poisoned".to_owned())?
                .insert(mobile.to_owned(), captcha.to_owned());
            Ok(())
        })
    }

    fn last_sent(&self, mobile: &str) -> Option<String> {
        self.sent.lock().ok()?.get(mobile).cloned()
    }
}

/// Production without a provider: every send fails, loudly, instead of pretending.
pub struct UnconfiguredSender;

impl SmsSender for UnconfiguredSender {
    fn send<'a>(&'a self, _mobile: &'a str, _captcha: &'a str) -> SendFuture<'a> {
        Box::pin(async {
            Err("no SMS provider configured (run with --dev, or plug in an SmsSender)".to_owned())
        })
    }
}

/// `13800138000` → `138****8000`.
pub fn mask(mobile: &str) -> String {
    if mobile.len() == 11 && mobile.is_ascii() {
        format!("{}****{}", &mobile[..3], &mobile[7..])
    } else {
        "***".to_owned()
    }
}
