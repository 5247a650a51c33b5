import { splitByMonths } from '../../subgraphs/kit/figures/months';

describe('a date range split into whole months and partial days', () => {
  it.each([
    ['a whole quarter', '2019-04-01', '2019-06-30', ['2019-04-01', '2019-06-01'], []],
    ['one whole month', '2019-02-01', '2019-02-28', ['2019-02-01', '2019-02-01'], []],
    [
      'a quarter up to today',
      '2019-04-01',
      '2019-05-17',
      ['2019-04-01', '2019-04-01'],
      [['2019-05-01', '2019-05-17']],
    ],
    ['a month up to today', '2019-05-01', '2019-05-17', null, [['2019-05-01', '2019-05-17']]],
    [
      'partial at both ends, across a year',
      '2018-12-31',
      '2019-02-01',
      ['2019-01-01', '2019-01-01'],
      [
        ['2018-12-31', '2018-12-31'],
        ['2019-02-01', '2019-02-01'],
      ],
    ],
    ['inside one month', '2019-03-02', '2019-03-30', null, [['2019-03-02', '2019-03-30']]],
    ['across two partial months', '2019-03-15', '2019-04-15', null, [['2019-03-15', '2019-04-15']]],
    [
      '29 February ends a whole month',
      '2020-02-01',
      '2020-02-29',
      ['2020-02-01', '2020-02-01'],
      [],
    ],
  ])('%s', (_name, from, to, months, days) => {
    expect(splitByMonths({ from, to })).toEqual({
      months: months ? { from: months[0], to: months[1] } : null,
      days: days.map(([f, t]) => ({ from: f, to: t })),
    });
  });
});
