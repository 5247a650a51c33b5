import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { envVar, intEnv } from '../../platform/config';
import type { Logger } from '../../platform/log';
import { OPERATIONS_FILE, SUPERGRAPH_FILE } from '../../platform/paths';
import type { LiveSupergraph } from './live-supergraph';
import type { Safelist } from './safelist';

/** What a source does with the text it read: offer it to the gateway. */
type Offer = (text: string, source: string) => void;

/**
 * Calls `offer` with the file's text whenever it changes. The file is polled (its mtime, every
 * `intervalMs`) rather than watched with inotify: a publication replaces the file by renaming
 * another over it, which an inotify watch on the old file would not see, and a mounted volume
 * (a Kubernetes ConfigMap) swaps a symlink. Returns what stops it.
 */
function followFile(file: string, intervalMs: number, offer: Offer, logger: Logger): () => void {
  const listener = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs === before.mtimeMs || now.mtimeMs === 0) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      logger.error({ err: error, file }, 'cannot read a followed file');
      return;
    }
    offer(text, file);
  };
  watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}

/**
 * Polls `url` every `intervalMs` with the ETag of the last answer (`If-None-Match`), as a
 * gateway fed by a schema registry or a CDN does: a 304 costs the server nothing, a 200 is
 * offered. A failed poll is logged and the next one tried; the served text stays. Returns what
 * stops it.
 */
function followUrl(url: string, intervalMs: number, offer: Offer, logger: Logger): () => void {
  let etag: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: etag ? { 'if-none-match': etag } : {},
        signal: AbortSignal.timeout(Math.max(intervalMs, 5000)),
      });
      if (response.status === 200) {
        const text = await response.text();
        etag = response.headers.get('etag') ?? undefined;
        if (!stopped) offer(text, url);
      } else if (response.status !== 304) {
        logger.warn(
          { url, status: response.status },
          'supergraph poll answered neither 200 nor 304',
        );
      }
    } catch (error) {
      logger.warn({ err: error, url }, 'supergraph poll failed');
    }
    if (!stopped) timer = setTimeout(() => void poll(), intervalMs).unref();
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export interface FollowOptions {
  /** The supergraph file to follow (SUPERGRAPH_FILE). */
  supergraphFile?: string;
  /** A URL to poll for the supergraph (SUPERGRAPH_URL). */
  supergraphUrl?: string;
  /** The safelist's manifest, followed when the safelist is on (SAFELIST_FILE). */
  safelistFile?: string;
  /** How often a file's mtime is read (SUPERGRAPH_FILE_POLL_MS, 500 by default). */
  fileIntervalMs: number;
  /** How often the URL is asked (SUPERGRAPH_URL_POLL_MS, 10,000 by default). */
  urlIntervalMs: number;
}

/** What `npm run start:gateway` follows: the checked-in files unless told otherwise. */
export function followOptionsFromEnv(): FollowOptions & { supergraphFile: string } {
  return {
    supergraphFile: envVar('SUPERGRAPH_FILE') ?? SUPERGRAPH_FILE,
    supergraphUrl: envVar('SUPERGRAPH_URL'),
    safelistFile: envVar('SAFELIST_FILE') ?? OPERATIONS_FILE,
    fileIntervalMs: intEnv('SUPERGRAPH_FILE_POLL_MS', 500),
    urlIntervalMs: intEnv('SUPERGRAPH_URL_POLL_MS', 10_000),
  };
}

/** Starts following every source `options` names; each stops with the gateway. */
export function followSources(
  options: FollowOptions,
  supergraph: LiveSupergraph,
  safelist: Safelist | null,
  logger: Logger,
): void {
  const offer: Offer = (text, source) => void supergraph.offer(text, source);
  if (options.supergraphFile) {
    supergraph.onStop(followFile(options.supergraphFile, options.fileIntervalMs, offer, logger));
  }
  if (options.supergraphUrl) {
    supergraph.onStop(followUrl(options.supergraphUrl, options.urlIntervalMs, offer, logger));
  }
  if (safelist) {
    const reload = () => void safelist.reload(logger);
    supergraph.onStop(followFile(safelist.file, options.fileIntervalMs, reload, logger));
  }
}
