// The WeChat simulator's authorization pages in a real browser, redirecting to a local
// relying party: what a person sees and where the browser ends up.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { withBrowser } from './lib/browser.mjs';
import { startRelyingParty } from './lib/relying-party.mjs';
import {
  OFFICIAL,
  WEBSITE,
  authorizeUrl,
  exchange,
  qrconnectUrl,
  scan,
  wechatBrowserUrl,
} from './lib/sim.mjs';

let rp;
before(async () => {
  rp = await startRelyingParty();
});
after(() => rp.close());

// The callbacks that arrived while fn ran.
async function callbacksDuring(fn) {
  const start = rp.callbacks.length;
  await fn();
  return rp.callbacks.slice(start);
}

// Opens the QR page and returns its ticket, as the page shows it.
async function openQrPage(page, state) {
  await page.goto(qrconnectUrl({ redirectUri: `${rp.origin}/web/callback`, state }));
  const qr = page.locator('#qr');
  await qr.locator('svg').waitFor();
  return qr.getAttribute('data-ticket');
}

test('QR login: scan and allow, the page goes to the site with code and state', async () => {
  await withBrowser('qr-allow', async ({ page, shot }) => {
    const ticket = await openQrPage(page, 'qrAllow1');
    await assert.doesNotReject(page.getByText('请使用微信扫描二维码登录').waitFor());
    await shot('qr-page');

    await scan(ticket, 'alice');
    await page.locator('#status[data-status="scanned"]').waitFor();
    await shot('scanned');

    const arrived = await callbacksDuring(async () => {
      const { redirect } = await scan(ticket, 'alice', true);
      await page.waitForURL(redirect);
    });
    await shot('callback');
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0].state, 'qrAllow1');
    const token = await exchange(WEBSITE, arrived[0].code);
    assert.equal(token.scope, 'snsapi_login');
    assert.ok(token.unionid, 'the website app is bound to the open platform');
  });
});

test('QR login with the simulated phone page (what the QR code encodes): allow', async () => {
  await withBrowser('qr-phone-page', async ({ page, context, shot }) => {
    await openQrPage(page, 'qrPhone1');
    const phoneUrl = await page.locator('#phone').getAttribute('href');
    const phone = await context.newPage();
    await phone.goto(phoneUrl);
    await phone.locator('#allow').waitFor();
    await shot('phone', phone);
    await phone.fill('#user', 'grace');
    const arrived = await callbacksDuring(async () => {
      await phone.click('#allow');
      await phone.getByText('已完成').waitFor();
      await page.waitForURL(`${rp.origin}/web/callback?*`);
    });
    await shot('callback');
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0].state, 'qrPhone1');
    assert.equal((await exchange(WEBSITE, arrived[0].code)).scope, 'snsapi_login');
  });
});

test('QR login: deny, the site gets the state and no code', async () => {
  await withBrowser('qr-deny', async ({ page, shot }) => {
    const ticket = await openQrPage(page, 'qrDeny1');
    const arrived = await callbacksDuring(async () => {
      await scan(ticket, 'bob', false);
      await page.waitForURL(`${rp.origin}/web/callback?state=qrDeny1`);
    });
    await shot('callback');
    assert.deepEqual(arrived, [{ state: 'qrDeny1' }]);
  });
});

test('official account, snsapi_base: silent, straight to the page with a code', async () => {
  await withBrowser('oa-base', async ({ page, shot }) => {
    await page.goto(wechatBrowserUrl('carol'));
    await shot('in-app-browser');
    const arrived = await callbacksDuring(async () => {
      await page.goto(
        authorizeUrl({ redirectUri: `${rp.origin}/h5/entry`, scope: 'snsapi_base', state: 'base1' }),
      );
      await page.waitForURL(`${rp.origin}/h5/entry?*`);
    });
    await shot('callback');
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0].state, 'base1');
    const token = await exchange(OFFICIAL, arrived[0].code);
    assert.equal(token.scope, 'snsapi_base');
    assert.ok(token.openid);
  });
});

test('official account, snsapi_userinfo: consent page, allow, then silent the next time', async () => {
  await withBrowser('oa-userinfo-allow', async ({ page, shot }) => {
    await page.goto(wechatBrowserUrl('dave'));
    const url = (state) =>
      authorizeUrl({ redirectUri: `${rp.origin}/h5/entry`, scope: 'snsapi_userinfo', state });

    await page.goto(url('info1'));
    await page.locator('#allow').waitFor();
    await assert.doesNotReject(page.getByText('获得你的公开信息').waitFor());
    await shot('consent');
    const first = await callbacksDuring(async () => {
      await page.click('#allow');
      await page.waitForURL(`${rp.origin}/h5/entry?*`);
    });
    await shot('callback');
    assert.equal(first.length, 1);
    assert.equal(first[0].state, 'info1');
    assert.equal((await exchange(OFFICIAL, first[0].code)).scope, 'snsapi_userinfo');

    const second = await callbacksDuring(async () => {
      const response = await page.goto(url('info2'));
      assert.equal(new URL(response.url()).origin, rp.origin, 'no consent page this time');
    });
    await shot('second-visit');
    assert.equal(second.length, 1);
    assert.equal(second[0].state, 'info2');
    assert.ok(second[0].code);
  });
});

test('official account, snsapi_userinfo: deny, the page gets the state and no code', async () => {
  await withBrowser('oa-userinfo-deny', async ({ page, shot }) => {
    await page.goto(wechatBrowserUrl('erin'));
    await page.goto(
      authorizeUrl({ redirectUri: `${rp.origin}/h5/entry`, scope: 'snsapi_userinfo', state: 'no1' }),
    );
    await page.locator('#deny').waitFor();
    const arrived = await callbacksDuring(async () => {
      await page.click('#deny');
      await page.waitForURL(`${rp.origin}/h5/entry?state=no1`);
    });
    await shot('callback');
    assert.deepEqual(arrived, [{ state: 'no1' }]);
  });
});

test('official account outside WeChat: "open this link in WeChat", no redirect', async () => {
  await withBrowser('oa-outside-wechat', async ({ page, shot }) => {
    const target = authorizeUrl({
      redirectUri: `${rp.origin}/h5/entry`,
      scope: 'snsapi_base',
      state: 'out1',
    });
    const arrived = await callbacksDuring(async () => {
      await page.goto(target);
      await page.getByText('请在微信客户端打开链接').waitFor();
    });
    await shot('refused');
    assert.deepEqual(arrived, []);
    assert.ok(page.url().startsWith(target.split('#')[0]));
  });
});

test('a redirect_uri off the app\'s domain: WeChat\'s error page, no redirect', async () => {
  await withBrowser('wrong-domain', async ({ page, shot }) => {
    const arrived = await callbacksDuring(async () => {
      await page.goto(
        qrconnectUrl({ redirectUri: `http://localhost:${rp.port}/web/callback`, state: 'dom1' }),
      );
      await page.getByText('redirect_uri 参数错误').waitFor();
    });
    await shot('qrconnect-refused');
    assert.deepEqual(arrived, []);
    assert.equal(await page.locator('#qr').count(), 0);

    await page.goto(wechatBrowserUrl('frank'));
    const more = await callbacksDuring(async () => {
      await page.goto(
        authorizeUrl({
          redirectUri: `http://localhost:${rp.port}/h5/entry`,
          scope: 'snsapi_base',
          state: 'dom2',
        }),
      );
      await page.getByText('redirect_uri 参数错误').waitFor();
    });
    await shot('oauth2-refused');
    assert.deepEqual(more, []);
  });
});
