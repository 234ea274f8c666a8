// The WeChat simulator as the tests see it: its URL and apps come from scripts/web-test.sh,
// which started it.

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/web-test.sh`);
  return value;
}

function app(name) {
  const [appid, secret] = required(name).split(':');
  return { appid, secret };
}

export const SIM = required('WXLOGIN_WEB_SIM_URL');
// Both on the domain 127.0.0.1, the relying party's host.
export const WEBSITE = app('WXLOGIN_WEB_WEBSITE_APP');
export const OFFICIAL = app('WXLOGIN_WEB_OFFICIAL_ACCOUNT');

export function qrconnectUrl({ appid = WEBSITE.appid, redirectUri, state }) {
  const url = new URL('/connect/qrconnect', SIM);
  url.search = new URLSearchParams({
    appid,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'snsapi_login',
    state,
  });
  return `${url}#wechat_redirect`;
}

export function authorizeUrl({ appid = OFFICIAL.appid, redirectUri, scope, state }) {
  const url = new URL('/connect/oauth2/authorize', SIM);
  url.search = new URLSearchParams({
    appid,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
  });
  return `${url}#wechat_redirect`;
}

// The page a test visits to be "inside WeChat" as `user`.
export function wechatBrowserUrl(user, { snapshot = false } = {}) {
  const url = new URL('/sim/wechat-browser', SIM);
  url.searchParams.set('user', user);
  if (snapshot) url.searchParams.set('snapshot', '1');
  return url.toString();
}

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${response.url}: ${body}`);
  return JSON.parse(body);
}

// The phone scans the QR code `ticket` as `user`; allow true/false taps, undefined only scans.
export async function scan(ticket, user, allow) {
  const response = await fetch(`${SIM}/sim/qr/${encodeURIComponent(ticket)}/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(allow === undefined ? { user } : { user, allow }),
  });
  return json(response);
}

// What the relying party's server does with a code: WeChat's answer as JSON (WeChat labels
// it text/plain).
export async function exchange({ appid, secret }, code) {
  const url = new URL('/sns/oauth2/access_token', SIM);
  url.search = new URLSearchParams({ appid, secret, code, grant_type: 'authorization_code' });
  return JSON.parse(await (await fetch(url)).text());
}
