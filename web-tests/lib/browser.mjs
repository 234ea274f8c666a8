// Headless Chromium from Debian's package, driven by playwright-core. Each test gets a
// browser of its own on a fresh, empty profile directory: no cookie, cache or storage
// leaks from one test into the next, as for a person on a new device.

import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.WXLOGIN_WEB_CHROMIUM ?? '/usr/bin/chromium';

// No sandbox (the tests run as root), no GPU, no QUIC, and nothing that phones home or
// updates itself in the background: the browser only talks to the services under test.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPORT_DIR = process.env.WXLOGIN_WEB_REPORT_DIR ?? 'web-report';

// A phone-sized viewport: the pages are meant for WeChat on a phone.
const PHONE = { width: 390, height: 844 };

// Runs fn({ page, context, shot }) in a new browser; `shot(step[, otherPage])` saves a
// screenshot of the page (or of another tab) as REPORT_DIR/<name>-<nn>-<step>.png. The browser and its profile are removed
// afterwards, also when fn throws.
export async function withBrowser(name, fn) {
  const profile = await mkdtemp(join(tmpdir(), 'wxlogin-chromium-'));
  // playwright-core refuses --user-data-dir in args: a persistent context is how an
  // explicit (here empty) profile directory is given.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: PHONE,
  });
  let count = 0;
  try {
    await mkdir(REPORT_DIR, { recursive: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const shot = async (step, target = page) => {
      count += 1;
      const file = `${name}-${String(count).padStart(2, '0')}-${step}.png`;
      await target.screenshot({ path: join(REPORT_DIR, file), fullPage: true });
    };
    return await fn({ page, context, shot });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
