//! The HTML every authorization page shares: one small layout that reads well on a phone
//! (viewport meta, one column, large buttons), Chinese first with English beside it, and no
//! external resource, so the pages render the same offline and in a headless browser.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A text in the two languages the pages speak.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
}

impl Text {
    /// `zh` then `en` in a smaller, muted line.
    pub(crate) fn html(self) -> String {
        format!(
            "{}<span class=\"en\">{}</span>",
            escape(self.zh),
            escape(self.en)
        )
    }
}

/// Too many pages open at once.
pub(crate) const BUSY: Text = Text {
    zh: "系统繁忙,请稍后再试",
    en: "System busy, try again later",
};

const STYLE: &str = "\
body{margin:0;font-family:-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;\
background:#ededed;color:#191919}\
main{max-width:420px;margin:0 auto;padding:32px 20px;text-align:center}\
h1{font-size:20px;font-weight:600;margin:0 0 16px}\
p{line-height:1.6;margin:8px 0}\
.en{display:block;font-size:13px;color:#888;font-weight:normal}\
.card{background:#fff;border-radius:8px;padding:20px;margin:16px 0}\
.error h1{color:#fa5151}\
button{display:block;width:100%;font-size:17px;padding:12px;margin:12px 0;border:0;border-radius:6px}\
button.primary{background:#07c160;color:#fff}\
button.secondary{background:#f2f2f2;color:#07c160}\
button .en{color:inherit;opacity:.8}\
input{font-size:17px;padding:10px;width:100%;box-sizing:border-box;border:1px solid #ddd;border-radius:6px}\
#qr svg{width:240px;height:240px}\
code{word-break:break-all;font-size:13px;color:#576b95}";

/// A page: `title` in the `<title>` and as the heading, then `body` (already HTML).
pub(crate) fn page(title: Text, class: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{zh} / {en}</title><style>{STYLE}</style></head>\
<body><main class=\"{class}\"><h1>{heading}</h1>{body}</main></body></html>\n",
        zh = escape(title.zh),
        en = escape(title.en),
        heading = title.html(),
    );
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // Pages carry tickets and consent ids: never from a cache.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        html,
    )
        .into_response()
}

/// The allow and deny buttons of a decision form (`id="allow"`, `id="deny"`), submitting
/// `decision=allow` or `decision=deny`.
pub(crate) fn decision_buttons() -> String {
    let allow = Text {
        zh: "允许",
        en: "Allow",
    };
    let deny = Text {
        zh: "拒绝",
        en: "Deny",
    };
    format!(
        "<button id=\"allow\" class=\"primary\" name=\"decision\" value=\"allow\">{}</button>\
<button id=\"deny\" class=\"secondary\" name=\"decision\" value=\"deny\">{}</button>",
        allow.html(),
        deny.html()
    )
}

/// WeChat's error page: HTTP 200 (as WeChat answers), the message, never a redirect.
pub(crate) fn error(message: Text) -> Response {
    let body = format!(
        "<div class=\"card\"><p id=\"message\">{}</p></div>",
        message.html()
    );
    page(
        Text {
            zh: "出错了",
            en: "Something went wrong",
        },
        "error",
        &body,
    )
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
