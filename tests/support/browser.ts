import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../platform/paths';
import { WEB_DIR } from '../../gateway/src/web';

/**
 * Debian's Chromium (`apt-get install -y chromium fonts-noto-cjk`; .ci/run installs both). Playwright
 * drives it as it is: playwright-core downloads no browser of its own.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots the browser tests take, for a person to look at (ignored by git). */
const SCREENSHOT_DIR = join(PROJECT_ROOT, '.screenshots');

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

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * The gateway serves the pages `npm run build` made of web/: fail clearly when they are missing
 * or older than their sources, rather than test yesterday's screen.
 */
export function assertWebBuilt(): void {
  const built = join(WEB_DIR, 'screen', 'index.html');
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
  const sources = Math.max(
    newestChange(join(PROJECT_ROOT, 'web')),
    newestChange(join(PROJECT_ROOT, 'schema', 'operations.json')),
  );
  if (statSync(built).mtimeMs < sources) {
    throw new Error('web/ changed since the last build: run npm run build');
  }
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, name);
}
