import {
  nearestChange,
  nearestPart,
  showsChange,
  showsRate,
  type ArticleChange,
} from '../../demo/article';
import { setCount, setSize } from '../../demo/calibrate';
import { Random } from '../../demo/random';

const tenth = (percent: number): ArticleChange => ({ percent, decimals: 1 });

describe("the article's rounding", () => {
  it('reads a change to the places printed', () => {
    expect(showsChange(6, 5, tenth(-16.7))).toBe(true); // −16.666…%
    expect(showsChange(1153, 2510, { percent: 118, decimals: 0 })).toBe(true); // +117.69%
    expect(showsChange(1153, 2510, { percent: 117, decimals: 0 })).toBe(false);
    expect(showsChange(0, 5, tenth(100))).toBe(false); // no change from nothing
  });

  it('refuses a value on a rounding tie, where readers could round either way', () => {
    // 3 → 4 is +33.333…%, safe; 8 → 9 is +12.5%, a tie at whole percents.
    expect(showsChange(3, 4, { percent: 33, decimals: 0 })).toBe(true);
    expect(showsChange(8, 9, { percent: 13, decimals: 0 })).toBe(false);
    expect(showsChange(8, 9, { percent: 12, decimals: 0 })).toBe(false);
  });

  it('reads a rate to the places printed', () => {
    expect(showsRate(6537, 6589, { percent: 99.21, decimals: 2 })).toBe(true);
    expect(showsRate(6536, 6589, { percent: 99.21, decimals: 2 })).toBe(false);
  });
});

describe('the nearest figures that show the article', () => {
  it('moves the fewest records from what was drawn', () => {
    // 10 → 8 is −20%; 13 → 10 is −23.08%, five records away, and nothing nearer shows −23.1%
    expect(nearestChange(10, 8, tenth(-23.1))).toEqual([13, 10]);
    expect(nearestChange(6, 5, tenth(-16.7))).toEqual([6, 5]);
  });

  it('finds the part of a total that shows a rate, or says there is none', () => {
    expect(nearestPart(12840, 13026, { percent: 98.65, decimals: 2 })).toBe(12850);
    // Of 7, only 0/7, 1/7, … are possible: none is 98.65%.
    expect(nearestPart(7, 7, { percent: 98.65, decimals: 2 })).toBeNull();
  });
});

describe('nudging records', () => {
  const records = () => Array.from({ length: 20 }, (_, i) => ({ id: i, on: i % 2 === 0 }));

  it('flips records until exactly the target count, the same ones on every run', () => {
    const run = () => {
      const list = records();
      setCount(
        list,
        (r) => r.on,
        4,
        new Random('test'),
        { may: (r) => !r.on, apply: (r) => (r.on = true) },
        { may: (r) => r.on, apply: (r) => (r.on = false) },
      );
      return list;
    };
    expect(run().filter((r) => r.on)).toHaveLength(4);
    expect(run()).toEqual(run());
  });

  it('refuses a target it cannot reach', () => {
    const list = records();
    const none = { may: () => false, apply: () => undefined };
    expect(() => setCount(list, (r) => r.on, 12, new Random('test'), none, none)).toThrow(
      'only 0 records',
    );
  });

  it('adds or drops counted records to the target, leaving the others', () => {
    let id = 100;
    const grown = setSize(
      records(),
      (r) => r.on,
      13,
      new Random('test'),
      () => ({
        id: (id += 1),
        on: true,
      }),
    );
    expect(grown.filter((r) => r.on)).toHaveLength(13);
    expect(grown.filter((r) => !r.on)).toHaveLength(10);
    const shrunk = setSize(
      records(),
      (r) => r.on,
      3,
      new Random('test'),
      () => ({
        id: -1,
        on: true,
      }),
    );
    expect(shrunk.filter((r) => r.on)).toHaveLength(3);
    expect(shrunk.filter((r) => !r.on)).toHaveLength(10);
  });
});
