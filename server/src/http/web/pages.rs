//! The pages, Chinese first with English beside, for a phone's screen: no script, no
//! external resource, every value escaped. The element ids are what browser tests and
//! QA look for (README, "Web login").

use wxlogin_contract::ApiCode;

use crate::accounts::UserRow;

/// HTML-escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:0;padding:1rem;background:#f5f5f5;color:#222}\
main{max-width:28rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.25rem}\
h1{font-size:1.3rem;margin:0 0 1rem}.en{color:#666;font-size:.9em;display:block}\
a.button,button{display:block;width:100%;box-sizing:border-box;padding:.8rem;margin:.6rem 0;border:0;border-radius:6px;background:#07c160;color:#fff;font-size:1rem;text-align:center;text-decoration:none}\
button.secondary{background:#e8e8e8;color:#222}a.button .en,button .en{color:inherit;opacity:.85}\
input{display:block;width:100%;box-sizing:border-box;padding:.7rem;margin:.3rem 0 .6rem;font-size:1rem;border:1px solid #ccc;border-radius:6px}\
.notice{background:#e7f7ee;padding:.6rem;border-radius:6px}.error{background:#fdecea;padding:.6rem;border-radius:6px}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem .8rem}dd{margin:0;word-break:break-all}";

/// A whole page: `zh` and `en` titles, `body` already HTML.
fn layout(zh: &str, en: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{zh} / {en}</title><style>{STYLE}</style></head>\
         <body><main><h1>{zh}<span class=\"en\">{en}</span></h1>{body}</main></body></html>\n"
    )
}

/// Chinese, then English, as one paragraph's content.
fn both(zh: &str, en: &str) -> String {
    format!("{zh}<span class=\"en\">{en}</span>")
}

pub fn signed_out(qr: bool, oa: bool) -> String {
    let mut body = format!(
        "<p>{}</p>",
        both("请选择登录方式。", "Choose how to sign in.")
    );
    if qr {
        body.push_str(&format!(
            "<a class=\"button\" id=\"qr-login\" href=\"/web/qr/start\">{}</a>",
            both("微信扫码登录", "Sign in with WeChat (scan a QR code)")
        ));
    }
    if oa {
        body.push_str(&format!(
            "<a class=\"button\" id=\"oa-login\" href=\"/web/oa/start\">{}</a>",
            both("在微信中登录", "Sign in inside WeChat")
        ));
    }
    layout("登录", "Sign in", &body)
}

pub fn signed_in(user: &UserRow, csrf: &str) -> String {
    let field = |id: &str, zh: &str, en: &str, value: Option<&str>| {
        format!(
            "<dt>{zh} <span class=\"en\">{en}</span></dt><dd id=\"{id}\">{}</dd>",
            escape(value.unwrap_or_default())
        )
    };
    let id = user.id.to_string();
    let body = format!(
        "<div id=\"signed-in\"><p>{}</p><dl>{}{}{}{}</dl></div>\
         <form id=\"logout\" method=\"post\" action=\"/web/logout\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button class=\"secondary\" type=\"submit\">{}</button></form>",
        both("你已登录。", "You are signed in."),
        field("user-id", "账号", "Account", Some(&id)),
        field("mobile", "手机号", "Phone", user.mobile.as_deref()),
        field(
            "wechat-name",
            "微信昵称",
            "WeChat name",
            user.wechat_name.as_deref()
        ),
        field(
            "unionid",
            "UnionID",
            "UnionID",
            user.wechat_union_id.as_deref()
        ),
        escape(csrf),
        both("退出登录", "Sign out"),
    );
    layout("已登录", "Signed in", &body)
}

fn retry_link(href: &str) -> String {
    format!(
        "<a class=\"button\" id=\"retry\" href=\"{}\">{}</a>",
        escape(href),
        both("重新登录", "Try again")
    )
}

/// The person tapped "deny" in WeChat: WeChat came back with `state` and no `code`.
pub fn denied(retry: &str) -> String {
    let body = format!(
        "<div id=\"denied\"><p>{}</p></div>{}",
        both(
            "你已拒绝微信授权，未登录。",
            "You declined the WeChat authorization; you are not signed in."
        ),
        retry_link(retry)
    );
    layout("未授权", "Not authorized", &body)
}

/// A failed step; `reason` is the `data-reason` tests read.
pub fn failure(reason: &str, retry: &str) -> String {
    let (zh, en) = match reason {
        "state" => (
            "登录请求无效或已过期，请重新登录。",
            "This login request is invalid, used or expired. Please start again.",
        ),
        "code" => (
            "微信授权已失效（过期或已使用），请重新登录。",
            "The WeChat authorization expired or was used already. Please start again.",
        ),
        "wechat" => (
            "暂时无法连接微信，请稍后重试。",
            "WeChat cannot be reached right now. Please try again later.",
        ),
        "bind" => (
            "绑定步骤已过期，请重新登录。",
            "The phone-binding step expired. Please sign in again.",
        ),
        "form" => (
            "表单已失效，请返回重试。",
            "This form expired. Please go back and try again.",
        ),
        _ => (
            "服务器出错了，请稍后重试。",
            "Something went wrong on our side. Please try again later.",
        ),
    };
    let body = format!(
        "<div id=\"error\" class=\"error\" data-reason=\"{}\"><p>{}</p></div>{}",
        escape(reason),
        both(zh, en),
        retry_link(retry)
    );
    layout("登录失败", "Sign-in failed", &body)
}

/// `is_snapshotuser = 1`: the page was opened from a Moments snapshot; WeChat gave a
/// placeholder identity that must not get an account.
pub fn snapshot() -> String {
    let body = format!(
        "<div id=\"snapshot\"><p>{}</p></div>",
        both(
            "你正在浏览朋友圈快照页，无法登录。请点击页面底部的“使用完整服务”，在微信中打开完整页面后再登录。",
            "You are viewing a snapshot of this page from Moments, which cannot sign in. \
             Open the full page in WeChat (\"使用完整服务\" at the bottom) and sign in there."
        )
    );
    layout("无法登录", "Cannot sign in", &body)
}

/// What the phone page shows after a step.
pub enum BindMessage {
    /// A captcha went to this phone.
    Sent,
    /// A refusal, with the contract's code.
    Refused(ApiCode),
}

pub struct BindView<'a> {
    pub nickname: &'a str,
    pub mobile: &'a str,
    pub csrf: &'a str,
    pub return_to: &'a str,
    pub message: Option<BindMessage>,
}

/// The phone-binding page of a new person: request a captcha, then bind.
pub fn bind(view: &BindView<'_>) -> String {
    let hidden = format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"return_to\" value=\"{}\">",
        escape(view.csrf),
        escape(view.return_to)
    );
    let greeting = if view.nickname.is_empty() {
        String::new()
    } else {
        let name = escape(view.nickname);
        format!(
            "<p id=\"nickname\">{}</p>",
            both(&format!("你好，{name}"), &format!("Hello, {name}"))
        )
    };
    let message = match &view.message {
        None => String::new(),
        Some(BindMessage::Sent) => format!(
            "<p id=\"notice\" class=\"notice\">{}</p>",
            both("验证码已发送。", "A code was sent to your phone.")
        ),
        Some(BindMessage::Refused(code)) => {
            let (zh, en) = refusal_text(*code);
            format!(
                "<p id=\"bind-error\" class=\"error\" data-code=\"{}\">{}</p>",
                code.number(),
                both(zh, en)
            )
        }
    };
    let mobile = escape(view.mobile);
    let body = format!(
        "{greeting}<p>{}</p>{message}\
         <form id=\"captcha-form\" method=\"post\" action=\"/web/bind/captcha\">{hidden}\
         <label for=\"mobile-input\">{}</label>\
         <input id=\"mobile-input\" name=\"mobile\" type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel\" maxlength=\"11\" value=\"{mobile}\" required>\
         <button class=\"secondary\" id=\"send-captcha\" type=\"submit\">{}</button></form>\
         <form id=\"bind-form\" method=\"post\" action=\"/web/bind\">{hidden}\
         <input type=\"hidden\" id=\"bind-mobile\" name=\"mobile\" value=\"{mobile}\">\
         <label for=\"captcha-input\">{}</label>\
         <input id=\"captcha-input\" name=\"captcha\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\" required>\
         <button id=\"bind-submit\" type=\"submit\">{}</button></form>",
        both(
            "首次使用微信登录，请绑定手机号。",
            "First WeChat sign-in here: bind your phone number."
        ),
        both("手机号", "Phone number"),
        both("获取验证码", "Send code"),
        both("短信验证码", "SMS code"),
        both("绑定并登录", "Bind and sign in"),
    );
    layout("绑定手机号", "Bind your phone", &body)
}

fn refusal_text(code: ApiCode) -> (&'static str, &'static str) {
    match code {
        ApiCode::InvalidMobile => ("请输入正确的手机号。", "Enter a valid mobile number."),
        ApiCode::CaptchaInvalid => (
            "验证码错误或已过期。",
            "The code is wrong, used or expired.",
        ),
        ApiCode::CaptchaTooManyAttempts => (
            "错误次数过多，请重新获取验证码。",
            "Too many wrong tries; request a new code.",
        ),
        ApiCode::CaptchaCooldown => (
            "验证码刚刚发送过，请稍后再试。",
            "A code was sent moments ago; wait a little.",
        ),
        ApiCode::RateLimited => (
            "请求过于频繁，请稍后再试。",
            "Too many requests; try again later.",
        ),
        ApiCode::PhoneBoundToOtherWechat => (
            "该手机号已绑定其他微信。",
            "This phone number is bound to another WeChat.",
        ),
        ApiCode::WechatBoundToOtherAccount => (
            "该微信已绑定其他手机号。",
            "This WeChat is bound to another phone number.",
        ),
        _ => ("操作失败，请重试。", "That did not work; please try again."),
    }
}
