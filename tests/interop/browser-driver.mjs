#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// A $BROWSER for TokenLab's real-browser tests: Debian's chromium, driven by
// playwright-core, opens the sign-in URL and does what a user would on the
// sandbox's pages or oidc-provider's development pages, until the browser
// lands on TokenLab's loopback result page.
//
//   node browser-driver.mjs URL
//
// Environment: TOKENLAB_DRIVER_USER (sandbox user or oidc-provider login,
// default alice), TOKENLAB_DRIVER_WITHHOLD (scopes to untick at the sandbox's
// consent, comma-separated), TOKENLAB_DRIVER_DENY (deny consent),
// TOKENLAB_DRIVER_SCREENSHOTS (a folder for a PNG of every page),
// TOKENLAB_DRIVER_USER_CODE (a device flow, RFC 8628: URL is the issuer's
// verification page, where the driver types this code, then signs in).
// Exits 0 on TokenLab's success page (or, in a device flow, the issuer's
// success page, or the abort that TOKENLAB_DRIVER_DENY asks for), 1 on any
// other ending; it closes the browser it started on every path and gives up
// after 60 s.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const url = process.argv[2];
if (!url) {
  console.error('usage: browser-driver.mjs URL');
  process.exit(2);
}
const user = process.env.TOKENLAB_DRIVER_USER || 'alice';
const withhold = (process.env.TOKENLAB_DRIVER_WITHHOLD || '').split(',').filter(Boolean);
const deny = Boolean(process.env.TOKENLAB_DRIVER_DENY);
const shots = process.env.TOKENLAB_DRIVER_SCREENSHOTS;
const userCode = process.env.TOKENLAB_DRIVER_USER_CODE;
if (shots) mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const hardStop = setTimeout(async () => {
  console.error('browser-driver: no result page within 60 s');
  await browser.close();
  process.exit(1);
}, 60000);

let exitCode = 1;
let shot = 0;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  const snap = async (name) => {
    if (shots) await page.screenshot({ path: path.join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`) });
  };
  await page.goto(url);
  for (let step = 0; step < 10; ++step) {
    await page.waitForLoadState('domcontentloaded');
    if (await page.locator('#result').count()) {
      // TokenLab's loopback result page.
      await snap('tokenlab-result');
      const success = await page.locator('main.success').count();
      console.error(`browser-driver: ${await page.locator('#title').innerText()} - ${await page.locator('#detail').innerText()}`);
      exitCode = success ? 0 : 1;
      break;
    }
    if (userCode && (await page.title()) === 'Sign-in Success') {
      // oidc-provider's device flow ends here; the device polls for its tokens.
      await snap('oidc-provider-device-success');
      exitCode = 0;
      break;
    }
    if (userCode && await page.locator('input[type="text"][name="user_code"]').count()) {
      // oidc-provider's user code page: typed as a user would, in lower case.
      await page.fill('input[type="text"][name="user_code"]', userCode.toLowerCase());
      await snap('oidc-provider-user-code');
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      continue;
    }
    if (userCode && await page.locator('button[name="abort"]').count()) {
      // oidc-provider's device confirmation: continue, or abort so the device hears access_denied.
      await snap(deny ? 'oidc-provider-device-abort' : 'oidc-provider-device-confirm');
      await Promise.all([page.waitForNavigation(), page.click(deny ? 'button[name="abort"]' : 'button[autofocus]')]);
      if (deny) {
        exitCode = 0;
        break;
      }
      continue;
    }
    if (await page.locator(`#user-${user}`).count()) {
      // The sandbox's user chooser.
      await snap('sandbox-login');
      await Promise.all([page.waitForNavigation(), page.click(`#user-${user}`)]);
      continue;
    }
    if (await page.locator('#allow').count()) {
      // The sandbox's consent page.
      for (const scope of withhold) {
        const box = page.locator(`#scope-${scope.replace(':', '\\:')}`);
        if (await box.count() && await box.isEnabled()) await box.uncheck();
      }
      await snap('sandbox-consent');
      await Promise.all([page.waitForNavigation(), page.click(deny ? '#deny' : '#allow')]);
      continue;
    }
    if (await page.locator('input[name="login"]').count()) {
      // oidc-provider's development login form.
      await page.fill('input[name="login"]', user);
      if (await page.locator('input[name="password"]').count()) await page.fill('input[name="password"]', 'any password');
      await snap('oidc-provider-login');
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      continue;
    }
    if (await page.locator('button[type="submit"]').count()) {
      // oidc-provider's development consent ("Continue").
      await snap('oidc-provider-consent');
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      continue;
    }
    await snap('unexpected');
    console.error(`browser-driver: stuck on ${page.url()}`);
    break;
  }
} catch (e) {
  console.error(`browser-driver: ${e.message}`);
} finally {
  clearTimeout(hardStop);
  await browser.close();
}
process.exit(exitCode);
