// The reference server (wxlogin-server) instances scripts/web-test.sh started, and what the
// tests do through its JSON API: the mobile app's login, and reading the dev SMS captcha.

import { randomInt } from 'node:crypto';

import { SIM } from './sim.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/web-test.sh`);
  return value;
}

function app(name) {
  const [appid, secret] = required(name).split(':');
  return { appid, secret };
}

// Website app, official account and mobile app of one open-platform account.
export const SERVER = required('WXLOGIN_WEB_SERVER_URL');
// A second server whose official account is not bound to the open platform (no unionid).
export const SERVER_NO_UNIONID = required('WXLOGIN_WEB_SERVER_NO_UNIONID_URL');
export const MOBILE = app('WXLOGIN_WEB_MOBILE_APP');
export const OFFICIAL_NO_UNIONID = app('WXLOGIN_WEB_OFFICIAL_ACCOUNT_NO_UNIONID');
export const MP_VERIFY_TOKEN = required('WXLOGIN_WEB_MP_VERIFY_TOKEN');

// A mobile number no other test uses (139 + 8 random digits).
export function freshMobile() {
  return `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

// A name for a WeChat person no other test or run uses.
export function freshUser(label) {
  return `${label}${randomInt(0, 1e9)}`;
}

async function envelope(response) {
  const body = JSON.parse(await response.text());
  if (body.code !== 0) throw new Error(`${response.url}: ${JSON.stringify(body)}`);
  return body.data;
}

async function post(server, path, json) {
  return envelope(
    await fetch(`${server}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    }),
  );
}

// The captcha the dev SMS sender "sent" to `mobile`.
export async function devSms(server, mobile) {
  const response = await fetch(`${server}/dev/sms?mobile=${mobile}`);
  const body = JSON.parse(await response.text());
  const captcha = body.captcha ?? body.data?.captcha;
  if (!captcha) throw new Error(`no SMS for ${mobile}: ${JSON.stringify(body)}`);
  return captcha;
}

// The WeChat app gives `user`'s code for the mobile app (the person tapped allow).
async function mobileCode(user) {
  const response = await fetch(`${SIM}/sim/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid: MOBILE.appid, user, scope: 'snsapi_userinfo' }),
  });
  return (await response.json()).code;
}

// `user` logs in in the mobile app and binds `mobile`: the account the app signed into.
export async function mobileAppSignUp(server, user, mobile) {
  const login = await post(server, '/v1/auth/wechat', { code: await mobileCode(user) });
  if (login.is_bind) throw new Error(`${user} already has an account`);
  await post(server, '/v1/captcha', { mobile, purpose: 'bind' });
  const captcha = await devSms(server, mobile);
  const session = await post(server, '/v1/auth/wechat/bind-phone', {
    bind_ticket: login.bind_ticket,
    mobile,
    captcha,
  });
  return session.user;
}

// The unionid WeChat gives `user` under the open-platform account, read through the mobile
// app's own exchange: what the website's account must show.
export async function unionidOf(user) {
  const url = new URL('/sns/oauth2/access_token', SIM);
  url.search = new URLSearchParams({
    appid: MOBILE.appid,
    secret: MOBILE.secret,
    code: await mobileCode(user),
    grant_type: 'authorization_code',
  });
  return JSON.parse(await (await fetch(url)).text()).unionid;
}
