import { GraphQLLocalDate } from 'graphql-scalars';
import { LocalDate } from '../../subgraphs/kit/contract/local-date';

type Coerce = (value: unknown) => unknown;

/** What a coercion does with a value: the value it answers, or the error it throws. */
function outcome(coerce: Coerce, value: unknown): unknown {
  try {
    return { answer: coerce(value) };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

const two = (n: number) => String(n).padStart(2, '0');
const four = (n: number) => String(n).padStart(4, '0');
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Both ways a LocalDate is coerced: a variable's value in, a resolver's value out. */
const ways: [string, Coerce, Coerce][] = [
  ['parseValue', (v) => LocalDate.parseValue(v), (v) => GraphQLLocalDate.parseValue(v)],
  ['serialize', (v) => LocalDate.serialize(v), (v) => GraphQLLocalDate.serialize(v)],
];

describe('LocalDate', () => {
  it('is graphql-scalars’ LocalDate in the schema: name, description, extensions, literals', () => {
    const { parseValue, serialize, ...ours } = LocalDate.toConfig();
    const { parseValue: p, serialize: s, ...theirs } = GraphQLLocalDate.toConfig();
    expect(ours).toEqual(theirs);
  });

  it.each(ways)(
    '%s takes the 01st and the 28th of every month of 0000 to 9999',
    (_, ours, theirs) => {
      const differ: string[] = [];
      for (let year = 0; year <= 9999; year += 1) {
        for (let month = 1; month <= 12; month += 1) {
          for (const day of [1, 28]) {
            const value = `${four(year)}-${two(month)}-${two(day)}`;
            if (ours(value) !== value || theirs(value) !== value) differ.push(value);
          }
        }
      }
      expect(differ).toEqual([]);
    },
  );

  it.each(ways)(
    '%s answers every month and day around the calendar’s as graphql-scalars does',
    (_, ours, theirs) => {
      const years = [0, 1900, 1949, 2000, 2019, 2024, 2100, 9999];
      const differ: string[] = [];
      for (const year of years) {
        for (const month of [...range(0, 13), 19, 20, 99]) {
          for (const day of [...range(0, 32), 39, 40, 99]) {
            const value = `${four(year)}-${two(month)}-${two(day)}`;
            if (JSON.stringify(outcome(ours, value)) !== JSON.stringify(outcome(theirs, value))) {
              differ.push(value);
            }
          }
        }
      }
      expect(differ).toEqual([]);
    },
  );

  it.each(ways)('%s answers malformed values as graphql-scalars does', (_, ours, theirs) => {
    const values: unknown[] = [
      '2019-02-29',
      '2020-02-29',
      '2019-04-31',
      '2019-1-05',
      '19-01-05',
      '+2019-01-05',
      '-2019-01-05',
      '2019-01-05 ',
      ' 2019-01-05',
      '2019-01-05\n',
      '2019/01/05',
      '2019-01-05T00:00:00Z',
      '２０１９-01-05',
      '2019-٠1-05',
      '',
      20190105,
      null,
      undefined,
      true,
      new Date('2019-01-05'),
      { toString: () => '2019-01-05' },
      ['2019-01-05'],
    ];
    for (const value of values) expect(outcome(ours, value)).toEqual(outcome(theirs, value));
  });
});
