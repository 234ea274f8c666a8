//! A browser as far as the web channels need one: a cookie jar, redirects followed one hop
//! at a time (so every place the browser went can be checked), forms posted. No script
//! runs: the QR page's polling is done by the case itself, as the page would.

use reqwest::header::LOCATION;
use reqwest::{redirect, StatusCode, Url};

/// At most this many redirects per navigation, as browsers cap them too.
const MAX_HOPS: usize = 10;

pub struct Browser {
    http: reqwest::Client,
}

/// Where a navigation ended.
pub struct Page {
    pub url: Url,
    pub status: StatusCode,
    pub body: String,
    /// Every URL the navigation went through, the first request's included.
    pub hops: Vec<Url>,
}

impl Browser {
    /// A new browser with an empty cookie jar.
    pub fn new() -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .build()
            .map_err(|e| format!("browser: {e}"))?;
        Ok(Self { http })
    }

    /// Opens `url` and follows its redirects.
    pub async fn get(&self, url: &str) -> Result<Page, String> {
        let url = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
        self.follow(self.http.get(url.clone()), url).await
    }

    /// Submits a form (`application/x-www-form-urlencoded`) and follows the redirects.
    pub async fn post_form(&self, url: &str, fields: &[(&str, &str)]) -> Result<Page, String> {
        let url = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
        self.follow(self.http.post(url.clone()).form(fields), url)
            .await
    }

    async fn follow(&self, first: reqwest::RequestBuilder, url: Url) -> Result<Page, String> {
        let mut hops = vec![url.clone()];
        let mut response = first.send().await.map_err(|e| format!("{url}: {e}"))?;
        while response.status().is_redirection() {
            if hops.len() > MAX_HOPS {
                return Err(format!("more than {MAX_HOPS} redirects from {}", hops[0]));
            }
            let from = response.url().clone();
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("{from}: a redirect without Location"))?;
            let next = from
                .join(location)
                .map_err(|e| format!("{from}: Location {location}: {e}"))?;
            hops.push(next.clone());
            response = self
                .http
                .get(next.clone())
                .send()
                .await
                .map_err(|e| format!("{next}: {e}"))?;
        }
        let status = response.status();
        let url = response.url().clone();
        let body = response.text().await.map_err(|e| format!("{url}: {e}"))?;
        Ok(Page {
            url,
            status,
            body,
            hops,
        })
    }
}

impl Page {
    /// Whether an element with `id` is on the page.
    pub fn has(&self, id: &str) -> bool {
        self.body.contains(&format!("id=\"{id}\""))
    }

    /// The value of `attribute` on the element whose tag contains `marker`
    /// (e.g. `id="qr"`, `data-ticket`).
    pub fn attribute(&self, marker: &str, attribute: &str) -> Option<String> {
        let tag_start = self.body.find(marker)?;
        let tag_start = self.body[..tag_start].rfind('<')?;
        let tag_end = tag_start + self.body[tag_start..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let needle = format!("{attribute}=\"");
        let at = tag.find(&needle)? + needle.len();
        Some(unescape(tag[at..].split('"').next()?))
    }

    /// The text inside the element with `id` (tags inside it dropped).
    pub fn text(&self, id: &str) -> Option<String> {
        let marker = format!("id=\"{id}\"");
        let start = self.body.find(&marker)?;
        let open_end = start + self.body[start..].find('>')? + 1;
        let close = open_end + self.body[open_end..].find("</")?;
        Some(unescape(self.body[open_end..close].trim()))
    }

    /// Whether the navigation passed through a URL whose path starts with `path`.
    pub fn went_through(&self, path: &str) -> bool {
        self.hops.iter().any(|u| u.path().starts_with(path))
    }

    /// A query parameter of the final URL.
    pub fn query(&self, key: &str) -> Option<String> {
        query(&self.url, key)
    }
}

pub fn query(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// The five entities the server's and the simulator's pages escape.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Page {
        let url = Url::parse("http://127.0.0.1/").unwrap();
        Page {
            url: url.clone(),
            status: StatusCode::OK,
            body: body.into(),
            hops: vec![url],
        }
    }

    #[test]
    fn reads_attributes_and_text_by_id() {
        let p = page("<div class=\"x\" id=\"qr\" data-ticket=\"T&amp;1\"><svg/></div><p id=\"user-id\"> 42 </p>");
        assert_eq!(
            p.attribute("id=\"qr\"", "data-ticket").as_deref(),
            Some("T&1")
        );
        assert_eq!(p.attribute("id=\"qr\"", "class").as_deref(), Some("x"));
        assert_eq!(p.text("user-id").as_deref(), Some("42"));
        assert!(p.has("qr") && !p.has("nope"));
        assert_eq!(p.text("nope"), None);
    }
}
