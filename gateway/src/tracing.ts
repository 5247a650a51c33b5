/**
 * The gateway's first import (main.ts): tracing, when configured, must patch the modules it
 * traces before anything else loads them.
 */
import { startTracing } from '../../platform/tracing';

startTracing('gateway', { execution: false });
