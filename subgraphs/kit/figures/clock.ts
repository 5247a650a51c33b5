import { envVar } from '../../../platform/config';
import { isIsoDate } from './dates';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's business date in Asia/Shanghai as YYYY-MM-DD: the day every record's date and every
 * period is judged against. PLATFORM_TODAY pins it, so tests and demos of partial periods
 * give the same answer on any day.
 */
export function today(): string {
  const pinned = envVar('PLATFORM_TODAY');
  if (pinned === undefined) return shanghaiDate.format(new Date());
  if (!isIsoDate(pinned))
    throw new Error(`PLATFORM_TODAY must be a YYYY-MM-DD date, got "${pinned}"`);
  return pinned;
}
