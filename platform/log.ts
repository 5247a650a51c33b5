import pino from 'pino';
import { envVar } from './config';
import { currentRequest } from './request-scope';

export type Logger = pino.Logger;

/**
 * Structured JSON logs, one object per line. LOG_LEVEL sets the level (default `info`;
 * `silent` under jest, whose tests assert on answers, not on log lines; the test of the log
 * lines passes its own level and destination). A line written while a request is handled
 * carries its `requestId`, whichever code writes it.
 */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level:
        options.level ?? envVar('LOG_LEVEL') ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequest()?.requestId;
        return requestId ? { requestId } : {};
      },
    },
    options.destination,
  );
}

export const rootLogger = createLogger();

/** The logger of one service: every line carries `service`. */
export function serviceLogger(service: string, base: Logger = rootLogger): Logger {
  return base.child({ service });
}
