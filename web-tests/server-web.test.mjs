// The server's web channels end to end in a real browser: the website's QR login and the
// official account's login, through the simulator's WeChat pages, the phone-binding page,
// and the ways a login must fail.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { withBrowser } from './lib/browser.mjs';
import {
  MP_VERIFY_TOKEN,
  SERVER,
  SERVER_NO_UNIONID,
  devSms,
  freshMobile,
  freshUser,
  mobileAppSignUp,
  unionidOf,
} from './lib/server.mjs';
import { SIM, scan, wechatBrowserUrl } from './lib/sim.mjs';

// Until the page at `server` shows the signed-in home; what it says.
async function signedIn(page) {
  await page.locator('#signed-in').waitFor();
  return {
    userId: (await page.locator('#user-id').textContent()).trim(),
    mobile: (await page.locator('#mobile').textContent()).trim(),
    unionid: ((await page.locator('#unionid').textContent()) ?? '').trim(),
  };
}

// From the signed-out home, "log in with WeChat" on the website: the QR page's ticket.
async function openQrLogin(page, server = SERVER, path = '/web/') {
  await page.goto(`${server}${path}`);
  await page.click('#qr-login');
  await page.waitForURL(`${SIM}/connect/qrconnect?*`);
  const qr = page.locator('#qr');
  await qr.locator('svg').waitFor();
  return qr.getAttribute('data-ticket');
}

// The phone-binding page: send the captcha, read the SMS, bind.
async function bindPhone(page, shot, server, mobile) {
  await page.waitForURL(`${server}/web/bind*`);
  await shot('bind-page');
  await page.fill('#mobile-input', mobile);
  await page.click('#send-captcha');
  await page.locator('#notice').waitFor();
  // After the captcha is sent the bind form carries the number itself (a hidden field).
  const bindMobile = page.locator('#bind-mobile');
  if ((await bindMobile.getAttribute('type')) === 'hidden') {
    assert.equal(await bindMobile.inputValue(), mobile);
  } else {
    await bindMobile.fill(mobile);
  }
  await page.fill('#captcha-input', await devSms(server, mobile));
  await shot('captcha-sent');
  await page.click('#bind-submit');
}

// "Inside WeChat" as `user`, then the official account's login link.
async function openOaLogin(page, server, user, scope) {
  await page.goto(wechatBrowserUrl(user));
  const query = scope ? `?scope=${scope}` : '';
  await page.goto(`${server}/web/oa/start${query}`);
}

// Every URL the page's main frame visits from now on.
function visited(page) {
  const urls = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

test('QR login of a new person: phone binding, then signed in with the unionid', async () => {
  await withBrowser('server-qr-new', async ({ page, shot }) => {
    const user = freshUser('qrnew');
    const mobile = freshMobile();
    await page.goto(`${SERVER}/web/`);
    await shot('home-signed-out');
    const ticket = await openQrLogin(page);
    await shot('qr-page');
    await scan(ticket, user, true);
    await bindPhone(page, shot, SERVER, mobile);
    const account = await signedIn(page);
    await shot('signed-in');
    assert.equal(account.mobile, mobile);
    assert.equal(account.unionid, await unionidOf(user));
  });
});

test('the same person through the app, then the website: one account', async () => {
  await withBrowser('server-app-then-web', async ({ page, shot }) => {
    const user = freshUser('both');
    const appUser = await mobileAppSignUp(SERVER, user, freshMobile());
    const urls = visited(page);
    const ticket = await openQrLogin(page);
    await scan(ticket, user, true);
    const account = await signedIn(page);
    await shot('signed-in');
    assert.equal(account.userId, String(appUser.id));
    assert.ok(!urls.some((u) => u.includes('/web/bind')), 'no phone question');
  });
});

test('official account: silent login, phone association, next visit signs in with no question', async () => {
  await withBrowser('server-oa', async ({ page, shot }) => {
    const user = freshUser('oa');
    const mobile = freshMobile();
    await openOaLogin(page, SERVER, user);
    await bindPhone(page, shot, SERVER, mobile);
    const first = await signedIn(page);
    await shot('signed-in');
    assert.equal(first.mobile, mobile);
    assert.equal(first.unionid, await unionidOf(user));

    await page.click('#logout button, #logout [type=submit]');
    await page.locator('#oa-login').waitFor();
    const urls = visited(page);
    await page.click('#oa-login');
    const again = await signedIn(page);
    await shot('next-visit');
    assert.equal(again.userId, first.userId);
    assert.ok(!urls.some((u) => u.includes('/web/bind')), 'no phone question');
    assert.ok(!urls.some((u) => u.includes('/connect/oauth2/authorize/confirm')), 'no consent');
  });
});

test('official account, snsapi_userinfo: consent once, then silent', async () => {
  await withBrowser('server-oa-userinfo', async ({ page, shot }) => {
    const user = freshUser('oainfo');
    await openOaLogin(page, SERVER, user, 'snsapi_userinfo');
    await page.locator('#allow').waitFor();
    await shot('consent');
    await page.click('#allow');
    await bindPhone(page, shot, SERVER, freshMobile());
    const first = await signedIn(page);

    await page.click('#logout button, #logout [type=submit]');
    await page.locator('#oa-login').waitFor();
    const urls = visited(page);
    await page.goto(`${SERVER}/web/oa/start?scope=snsapi_userinfo`);
    assert.equal((await signedIn(page)).userId, first.userId);
    assert.ok(!urls.some((u) => u.includes('/connect/oauth2/authorize/confirm')), 'no consent');
    assert.equal(await page.locator('#allow').count(), 0);
  });
});

test('a refusal on the phone: the site says so and offers a retry', async () => {
  await withBrowser('server-refusal', async ({ page, shot }) => {
    const ticket = await openQrLogin(page);
    await scan(ticket, freshUser('no'), false);
    await page.locator('#denied').waitFor();
    await shot('denied');
    assert.equal(await page.locator('#signed-in').count(), 0);
    await page.click('#retry');
    await page.waitForURL(`${SIM}/connect/qrconnect?*`);

    await openOaLogin(page, SERVER, freshUser('oano'), 'snsapi_userinfo');
    await page.click('#deny');
    await page.locator('#denied').waitFor();
    await shot('oa-denied');
  });
});

// The callback URL WeChat would send the browser to, taken off the QR page before the page
// goes there itself (its polling is blocked).
async function callbackWithoutFollowing(page, user) {
  await page.route('**/connect/qrconnect/status*', (route) => route.abort());
  const ticket = await openQrLogin(page);
  const { redirect } = await scan(ticket, user, true);
  return redirect;
}

test('a forged state is refused', async () => {
  await withBrowser('server-forged-state', async ({ page, shot }) => {
    const redirect = new URL(await callbackWithoutFollowing(page, freshUser('forge')));
    redirect.searchParams.set('state', 'forged0123456789');
    await page.goto(redirect.toString());
    await page.locator('#error[data-reason="state"]').waitFor();
    await shot('refused');
    assert.equal(await page.locator('#signed-in').count(), 0);
  });
});

test('a replayed callback is refused', async () => {
  await withBrowser('server-replayed-state', async ({ page, shot }) => {
    const user = freshUser('replay');
    await mobileAppSignUp(SERVER, user, freshMobile());
    const redirect = await callbackWithoutFollowing(page, user);
    await page.goto(redirect);
    await signedIn(page);
    await page.goto(redirect);
    await page.locator('#error[data-reason="state"]').waitFor();
    await shot('refused');
  });
});

test('a callback in a browser that did not start the login is refused', async () => {
  let redirect;
  await withBrowser('server-cookieless-start', async ({ page }) => {
    redirect = await callbackWithoutFollowing(page, freshUser('nocookie'));
  });
  await withBrowser('server-cookieless-state', async ({ page, shot }) => {
    await page.goto(redirect);
    await page.locator('#error[data-reason="state"]').waitFor();
    await shot('refused');
    assert.equal(await page.locator('#signed-in').count(), 0);
  });
});

test('an expired code (5 minutes on the simulator clock) is refused', async () => {
  await withBrowser('server-expired-code', async ({ page, shot }) => {
    const redirect = await callbackWithoutFollowing(page, freshUser('late'));
    const advanced = await fetch(`${SIM}/sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 301 }),
    });
    assert.equal(advanced.status, 200);
    await page.goto(redirect);
    await page.locator('#error[data-reason="code"]').waitFor();
    await shot('refused');
  });
});

test('return_to cannot send the browser to another site', async () => {
  await withBrowser('server-open-redirect', async ({ page, shot }) => {
    const user = freshUser('redir');
    await mobileAppSignUp(SERVER, user, freshMobile());
    for (const target of ['https://evil.test/', '//evil.test/', '/\\evil.test/']) {
      await page.context().clearCookies();
      const path = `/web/qr/start?return_to=${encodeURIComponent(target)}`;
      await page.goto(`${SERVER}${path}`);
      const ticket = await page.locator('#qr').getAttribute('data-ticket');
      await scan(ticket, user, true);
      await signedIn(page);
      assert.equal(new URL(page.url()).origin, SERVER, `return_to=${target}`);
    }
    await shot('stayed-home');
  });
});

test('an official account without unionid: the phone joins the account the app made', async () => {
  await withBrowser('server-no-unionid', async ({ page, shot }) => {
    const user = freshUser('nouid');
    const mobile = freshMobile();
    const appUser = await mobileAppSignUp(SERVER_NO_UNIONID, user, mobile);
    await openOaLogin(page, SERVER_NO_UNIONID, user);
    await bindPhone(page, shot, SERVER_NO_UNIONID, mobile);
    const account = await signedIn(page);
    await shot('signed-in');
    assert.equal(account.userId, String(appUser.id));

    await page.click('#logout button, #logout [type=submit]');
    const urls = visited(page);
    await page.click('#oa-login');
    assert.equal((await signedIn(page)).userId, String(appUser.id));
    assert.ok(!urls.some((u) => u.includes('/web/bind')), 'known by its openid now');
  });
});

test('a Moments snapshot visitor gets no account', async () => {
  await withBrowser('server-snapshot', async ({ page, shot }) => {
    await page.goto(wechatBrowserUrl(freshUser('snap'), { snapshot: true }));
    await page.goto(`${SERVER}/web/oa/start`);
    await page.locator('#snapshot').waitFor();
    await shot('snapshot');
    await page.goto(`${SERVER}/web/`);
    assert.equal(await page.locator('#signed-in').count(), 0);
  });
});

test('the domain verification file is served from configuration', async () => {
  const response = await fetch(`${SERVER}/MP_verify_${MP_VERIFY_TOKEN}.txt`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/plain/);
  assert.equal(await response.text(), MP_VERIFY_TOKEN);
  const other = await fetch(`${SERVER}/MP_verify_someoneElse.txt`);
  assert.equal(other.status, 404);
});
