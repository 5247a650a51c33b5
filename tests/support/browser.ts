import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { WEB_DIR } from '../../gateway/src/web';

/** Screenshots the browser tests take, for a person to look at (ignored by git). */
const SCREENSHOT_DIR = join(PROJECT_ROOT, '.screenshots');

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
