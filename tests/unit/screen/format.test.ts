import {
  GRADE_COLOR,
  GRADE_LABEL,
  GRADES,
  barPercent,
  dateTime,
  fixed2,
  indicatorChange,
  indicatorValue,
  noteText,
  periodLabel,
  points,
  rankChangeText,
  rankTrend,
} from '../../../web/screen/src/format';
import { deductionRuleText, indicatorRuleText } from '../../../web/screen/src/rule-text';

/** WCAG's contrast ratio of a colour against white. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
  return 1.05 / (luminance + 0.05);
}

describe('the rank change against the previous period', () => {
  it.each([
    [5, 3, '↑3', 'up'],
    [2, -1, '↓1', 'down'],
    [4, 0, '持平', 'same'],
    [null, null, '新', 'new'],
  ] as const)('previous %p, change %p: %s', (previous, change, text, trend) => {
    expect(rankChangeText(previous, change)).toBe(text);
    expect(rankTrend(previous, change)).toBe(trend);
  });
});

describe('grades', () => {
  it('each has its word and a colour white text reads on (contrast ≥ 4.5 : 1), all distinct', () => {
    expect(GRADES.map((g) => GRADE_LABEL[g])).toEqual(['优秀', '良好', '合格', '不合格']);
    for (const grade of GRADES)
      expect(contrastWithWhite(GRADE_COLOR[grade])).toBeGreaterThanOrEqual(4.5);
    expect(new Set(Object.values(GRADE_COLOR)).size).toBe(4);
  });
});

describe('numbers', () => {
  it('writes points to the cent without trailing zeros, means with two places', () => {
    expect([points(85.71), points(40), points(0.1 + 0.2), points(0)]).toEqual([
      '85.71',
      '40',
      '0.3',
      '0',
    ]);
    expect([fixed2(59.01), fixed2(62.675), fixed2(40)]).toEqual(['59.01', '62.68', '40.00']);
  });

  it('draws a bar as the share of the maximum, clamped to 0–100 %', () => {
    expect([barPercent(37.33, 40), barPercent(14, 20), barPercent(0, 40)]).toEqual([93.3, 70, 0]);
    expect([barPercent(50, 40), barPercent(-1, 40), barPercent(3, 0)]).toEqual([100, 0, 0]);
  });

  it('writes a count as a number, a rate as a percentage, 同比 as a change or percentage points', () => {
    expect([
      indicatorValue('YOY', 3),
      indicatorValue('RATE', 0.95),
      indicatorValue('RATE', null),
    ]).toEqual(['3', '95.00%', '—']);
    expect([
      indicatorChange('YOY', 0.5),
      indicatorChange('YOY', -1),
      indicatorChange('YOY', 0),
      indicatorChange('RATE', -0.05),
      indicatorChange('RATE', 0.1),
      indicatorChange('YOY', null),
    ]).toEqual(['+50.0%', '-100.0%', '0.0%', '-5.00 个百分点', '+10.00 个百分点', '—']);
  });
});

describe('words', () => {
  it('says why an indicator scored off the plain formula, and keeps an unknown note as it came', () => {
    expect(
      [
        null,
        'ZERO_BASELINE',
        'NONE',
        'NO_DATA',
        'INSUFFICIENT_SAMPLE',
        'DEPARTMENT_UNAVAILABLE',
        'LATER',
      ].map(noteText),
    ).toEqual([
      '按公式计分',
      '同期为零：本期有发生按上升 100% 计，未发生按持平计',
      '本期未发生，得满分',
      '样本不足，无可评价，按满分计',
      '样本不足，不得分',
      '部门数据暂不可用，未计分',
      'LATER',
    ]);
  });

  it('names every kind of period', () => {
    expect(
      ['2019', '2019-H1', '2019-H2', '2019-Q2', '2019-05', '2019-12'].map(periodLabel),
    ).toEqual([
      '2019年',
      '2019年上半年',
      '2019年下半年',
      '2019年第二季度',
      '2019年5月',
      '2019年12月',
    ]);
  });
});

describe('publication times', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('are Beijing time to the minute, across midnight and the year', () => {
    expect(
      [
        '2019-07-05T01:30:59.999Z',
        '2019-07-04T16:00:00.000Z',
        '2019-12-31T15:59:00.000Z',
        '2019-12-31T16:00:00.000Z',
        '2020-02-28T20:05:00+08:00',
      ].map(dateTime),
    ).toEqual([
      '2019-07-05 09:30',
      '2019-07-05 00:00',
      '2019-12-31 23:59',
      '2020-01-01 00:00',
      '2020-02-28 20:05',
    ]);
  });

  it('whatever zone the computer showing them is set to', () => {
    for (const local of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Shanghai']) {
      process.env.TZ = local;
      expect([local, dateTime('2019-07-04T17:30:00.000Z')]).toEqual([local, '2019-07-05 01:30']);
    }
  });

  it('come from the time zone database, not a fixed offset: China kept summer time in 1986-1991', () => {
    expect(dateTime('1990-07-01T00:00:00.000Z')).toBe('1990-07-01 09:00');
    expect(dateTime('1992-07-01T00:00:00.000Z')).toBe('1992-07-01 08:00');
  });
});

describe('the scoring rules in words, from the scheme', () => {
  const yoy = {
    key: 'k',
    direction: 'LOWER',
    fullAt: 0.1,
    zeroAt: -0.2,
    minSample: null,
    whenShort: null,
    minBase: null,
  } as const;

  it.each([
    [yoy, '同比下降 ≥ 10% 得满分，上升 ≥ 20% 得零分，之间按比例；本期未发生得满分'],
    [{ ...yoy, direction: 'HIGHER' }, '同比上升 ≥ 10% 得满分，下降 ≥ 20% 得零分，之间按比例'],
    [
      { ...yoy, direction: 'HIGHER', fullAt: 0, zeroAt: 0.05 },
      '同比持平或更好 得满分，上升 ≤ 5% 得零分，之间按比例',
    ],
    [
      { ...yoy, direction: 'HIGHER', fullAt: 0.985, zeroAt: 0.9, minSample: 30, whenShort: 'ZERO' },
      '比率 ≥ 98.5% 得满分，≤ 90% 得零分，之间按比例；样本少于 30 条不得分',
    ],
    [
      { ...yoy, fullAt: 0.01, zeroAt: 0.05, minSample: 10, whenShort: 'FULL' },
      '比率 ≤ 1% 得满分，≥ 5% 得零分，之间按比例；样本少于 10 条按满分计',
    ],
    [
      { ...yoy, minBase: 8 },
      '同比下降 ≥ 10% 得满分，上升 ≥ 20% 得零分，之间按比例；同期少于 8 时按差值 ÷ 8 计',
    ],
    [
      { ...yoy, direction: 'HIGHER', fullAt: 0.98, zeroAt: 0.9, minSample: 30, whenShort: 'FILL' },
      '比率 ≥ 98% 得满分，≤ 90% 得零分，之间按比例；样本少于 30 条按满分线补足',
    ],
  ] as const)('%o', (rule, words) => {
    expect(indicatorRuleText(rule)).toBe(words);
  });

  it('a deduction per event', () => {
    expect(deductionRuleText(5)).toBe('每次扣 5 分');
    expect(deductionRuleText(0.5)).toBe('每次扣 0.5 分');
  });
});
