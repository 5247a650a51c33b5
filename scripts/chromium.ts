import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install -y chromium fonts-noto-cjk`; .ci/run installs both), as the
 * browser tests and the bench's first-render scenarios drive it. Playwright drives it as it is:
 * playwright-core downloads no browser of its own.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Chromium names a download in its locale's charset and falls back to "download" where that
    // cannot spell it: the screen's exports have Chinese names, and CI may run with no locale.
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    args: [
      '--headless',
      // Tests run as root in containers, where Chromium's sandbox cannot start.
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      // Nothing but the page under test: no update checks, sync, translation or field trials.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--no-first-run',
      '--mute-audio',
    ],
  });
}
