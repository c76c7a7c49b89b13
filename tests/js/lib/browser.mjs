// Headless Chromium through playwright-core, with every console error and page error recorded
// so tests can fail on them.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // Flags of a benchmark's own (EPCC_CHROMIUM_FLAGS='--js-flags=--no-liftoff', say).
      ...(process.env.EPCC_CHROMIUM_FLAGS ? process.env.EPCC_CHROMIUM_FLAGS.split(' ') : []),
    ],
  });
}

/** Records the page's console errors, uncaught exceptions and failed requests in `problems`. */
export function watch(page, problems) {
  page.on('console', message => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', request => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return page;
}

/** A page in a new context (a new device) plus the `problems` recorded on it. */
export async function openPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const problems = [];
  const page = watch(await context.newPage(), problems);
  return { page, problems };
}
