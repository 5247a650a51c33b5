import pino from 'pino';
import { envVar } from './config';

/**
 * Structured JSON logs, one object per line, for every service. LOG_LEVEL sets the level
 * (default `info`; `silent` under jest, whose tests assert on answers, not on log lines).
 */
export const rootLogger = pino({
  level: envVar('LOG_LEVEL') ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = pino.Logger;

/** The logger of one service: every line carries `service`. */
export function serviceLogger(service: string): Logger {
  return rootLogger.child({ service });
}
