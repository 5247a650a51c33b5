import { parsePeriod, previousPeriod } from '../../subgraphs/kit/figures/period';

const TODAY = '2019-08-15';

describe('parsePeriod', () => {
  it.each([
    ['2018', 'YEAR', '2018-01-01', '2018-12-31', '2017', '2017-01-01', '2017-12-31'],
    ['2019-H1', 'HALF', '2019-01-01', '2019-06-30', '2018-H1', '2018-01-01', '2018-06-30'],
    ['2018-H2', 'HALF', '2018-07-01', '2018-12-31', '2017-H2', '2017-07-01', '2017-12-31'],
    ['2019-Q1', 'QUARTER', '2019-01-01', '2019-03-31', '2018-Q1', '2018-01-01', '2018-03-31'],
    ['2018-Q4', 'QUARTER', '2018-10-01', '2018-12-31', '2017-Q4', '2017-10-01', '2017-12-31'],
    ['2019-02', 'MONTH', '2019-02-01', '2019-02-28', '2018-02', '2018-02-01', '2018-02-28'],
    ['2016-02', 'MONTH', '2016-02-01', '2016-02-29', '2015-02', '2015-02-01', '2015-02-28'],
    ['2019-07', 'MONTH', '2019-07-01', '2019-07-31', '2018-07', '2018-07-01', '2018-07-31'],
  ])('reads %s as a whole %s', (id, kind, from, to, baselineId, baseFrom, baseTo) => {
    expect(parsePeriod(id, TODAY)).toEqual({
      id,
      kind,
      range: { from, to },
      partial: false,
      baseline: { id: baselineId, range: { from: baseFrom, to: baseTo }, partial: false },
    });
  });

  it.each([
    ['2019', '2019-01-01', '2018-01-01'],
    ['2019-H2', '2019-07-01', '2018-07-01'],
    ['2019-Q3', '2019-07-01', '2018-07-01'],
    ['2019-08', '2019-08-01', '2018-08-01'],
  ])('cuts the unfinished %s and its baseline at today and a year before', (id, from, baseFrom) => {
    const period = parsePeriod(id, TODAY);
    expect(period.partial).toBe(true);
    expect(period.range).toEqual({ from, to: TODAY });
    expect(period.baseline).toMatchObject({
      partial: true,
      range: { from: baseFrom, to: '2018-08-15' },
    });
  });

  it('compares a leap day with the last day of February a year before', () => {
    const period = parsePeriod('2020-02', '2020-02-29');
    expect(period.partial).toBe(false);
    expect(period.baseline.range).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(parsePeriod('2020-Q1', '2020-02-29').baseline.range.to).toBe('2019-02-28');
  });

  it('takes a period that starts today', () => {
    expect(parsePeriod('2019-08', '2019-08-01').range).toEqual({
      from: '2019-08-01',
      to: '2019-08-01',
    });
  });

  it.each([
    '',
    '19',
    '2019-Q5',
    '2019-Q0',
    '2019-H3',
    '2019-13',
    '2019-00',
    '2019-1',
    '2019Q1',
    '2019-q1',
    ' 2019',
    '0999',
  ])('refuses %j with BAD_USER_INPUT naming it', (id) => {
    expect(() => parsePeriod(id, TODAY)).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(JSON.stringify(id)),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'period' }),
      }),
    );
  });

  it.each(['1800', '1948', '1948-12', '1000-Q1'])('refuses %s, before 1949', (id) => {
    expect(() => parsePeriod(id, TODAY)).toThrow(/is before 1949/);
  });

  it('takes 1949, the first year', () => {
    expect(parsePeriod('1949', TODAY).range).toEqual({ from: '1949-01-01', to: '1949-12-31' });
  });

  it.each(['2019-09', '2019-Q4', '2020', '2020-H1'])(
    'refuses %s, which starts after today',
    (id) => {
      expect(() => parsePeriod(id, TODAY)).toThrow(/starts after today \(2019-08-15\)/);
    },
  );
});

describe('previousPeriod', () => {
  it.each([
    ['2019', '2018'],
    ['2019-H2', '2019-H1'],
    ['2019-H1', '2018-H2'],
    ['2019-Q2', '2019-Q1'],
    ['2019-Q1', '2018-Q4'],
    ['2019-05', '2019-04'],
    ['2019-10', '2019-09'],
    ['2019-01', '2018-12'],
  ])('comes before %s: %s', (id, previous) => {
    expect(previousPeriod(id)).toBe(previous);
  });
});
