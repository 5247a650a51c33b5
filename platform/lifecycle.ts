import type { Logger } from './log';
import { stopTracing } from './tracing';

/**
 * Stops a service cleanly on SIGINT/SIGTERM: `stop` drains in-flight requests and closes pools,
 * the spans still buffered are exported, then the process exits. A second signal exits at once.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'draining, then stopping');
    stop()
      .then(stopTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export function requiredEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: ${hint}`);
    process.exit(2);
  }
  return value;
}
