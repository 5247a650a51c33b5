import DataLoader from 'dataloader';
import type { DateRange, Period } from './period';
import type { FiguresQuery } from './figures-query';

/** Some stations' figures over some ranges, as read: each station's over each range. */
type ReadFigures<F> = (stationCode: string, range: DateRange) => F;

/**
 * A request's reader of per-station figures. Every read of one tick (all the stations of a
 * board, a division and its children, each over its period and its baseline) becomes one call
 * of `query`, and what was read, or is being read, is kept for the rest of the request. A read
 * asks for many stations at once and gets one lookup back: a province board is 1,178 stations
 * over two ranges, whose 2,356 DataLoader loads, keys and promises, one per station and range,
 * cost a department more CPU than its statement.
 */
export interface FiguresReader<F> {
  read(stationCodes: readonly string[], ranges: readonly DateRange[]): Promise<ReadFigures<F>>;
}

const keys = new WeakMap<DateRange, string>();

/**
 * A range's key among the reads, made once per range object: a board looks its 1,178 stations
 * up in each of its two ranges, each lookup a new string to hash otherwise.
 */
function rangeKey(range: DateRange): string {
  let key = keys.get(range);
  if (key === undefined) {
    key = `${range.from}..${range.to}`;
    keys.set(range, key);
  }
  return key;
}

/** The stations and ranges of one read that no read before it had asked for. */
class Unread {
  readonly stations = new Set<string>();
  readonly ranges = new Map<string, DateRange>();
  done: Promise<void> = Promise.resolve();
}

/**
 * A FiguresReader over `query`; a station without records over a range has `zero()`. A read
 * whose statement fails fails, and keeps nothing: a later read asks again.
 */
export function figuresReader<F>(query: FiguresQuery<F>, zero: () => F): FiguresReader<F> {
  // Per range, each station's figures once read, or the read that is reading them.
  const slots = new Map<string, Map<string, F | Unread>>();

  /** Calls `each` with every slot of `unread`'s stations and ranges that it still holds. */
  function held(unread: Unread, each: (slot: Map<string, F | Unread>, code: string) => void) {
    for (const key of unread.ranges.keys()) {
      const slot = slots.get(key);
      for (const code of unread.stations) if (slot?.get(code) === unread) each(slot, code);
    }
  }

  // DataLoader only batches: the reads of one tick, as it schedules them (after the promise
  // jobs queued so far and the next tick), become one statement over all their stations and
  // ranges. Its batch is also what the tracing shows the statement under.
  const batches = new DataLoader<Unread, void>(
    async (reads) => {
      const stations = new Set(reads.flatMap((read) => [...read.stations]));
      const ranges = new Map(reads.flatMap((read) => [...read.ranges]));
      try {
        const rows = await query([...stations], [...ranges.values()]);
        const these = new Set(reads);
        for (const { stationCode, range, figures } of rows) {
          const slot = slots.get(rangeKey(range));
          const owner = slot?.get(stationCode);
          // The statement reads every station over every range: only what these reads asked.
          if (owner instanceof Unread && these.has(owner)) {
            slot?.set(stationCode, figures);
          }
        }
        for (const read of reads) held(read, (slot, code) => slot.set(code, zero()));
        return reads.map(() => undefined);
      } catch (error) {
        for (const read of reads) held(read, (slot, code) => slot.delete(code));
        throw error;
      }
    },
    { cache: false },
  );

  const lookup: ReadFigures<F> = (code, range) => {
    const figures = slots.get(rangeKey(range))?.get(code);
    if (figures === undefined || figures instanceof Unread) {
      throw new Error(`the figures of ${code} over ${rangeKey(range)} were looked up unread`);
    }
    return figures;
  };

  return {
    async read(stationCodes, ranges) {
      const waits = new Set<Promise<void>>();
      const unread = new Unread();
      for (const range of ranges) {
        const key = rangeKey(range);
        let slot = slots.get(key);
        if (!slot) slots.set(key, (slot = new Map<string, F | Unread>()));
        for (const code of stationCodes) {
          const figures = slot.get(code);
          if (figures === undefined) {
            unread.stations.add(code);
            unread.ranges.set(key, range);
            slot.set(code, unread);
          } else if (figures instanceof Unread) {
            waits.add(figures.done);
          }
        }
      }
      if (unread.stations.size > 0) {
        unread.done = batches.load(unread);
        waits.add(unread.done);
      }
      await Promise.all(waits);
      return lookup;
    },
  };
}

/** Some stations' figures over a period and over its baseline, read in one batch. */
export async function readWithBaseline<F>(
  reader: FiguresReader<F>,
  stationCodes: readonly string[],
  period: Period,
): Promise<{ current: (code: string) => F; baseline: (code: string) => F }> {
  const read = await reader.read(stationCodes, [period.range, period.baseline.range]);
  return {
    current: (code) => read(code, period.range),
    baseline: (code) => read(code, period.baseline.range),
  };
}
