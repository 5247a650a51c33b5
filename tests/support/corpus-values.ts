import fc from 'fast-check';
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';

/**
 * The values the generated corpora (mutations, representations) send: mostly what a field
 * takes, with values near and beyond every bound and hostile text among them. The dates assume
 * PLATFORM_TODAY=2019-08-15.
 */

/** The stations a corpus registers before it runs. */
export const CORPUS_STATIONS = ['330624600401', '330624600402'];
/** A code the registry does not hold, another province's, a malformed one. */
const CODES = [
  ...CORPUS_STATIONS,
  ...CORPUS_STATIONS,
  '999999999999',
  '110101000001',
  '33062460040',
];

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007',
  '\t',
  'line\nbreak',
  '\u0085',
  '\u200b',
  '\u200b\u200b',
  '\u3000',
  '\ud800',
  'x\udfff',
  '😀',
  '\u202e右到左',
  "Robert'); DROP TABLE station;--",
  'x'.repeat(65),
  'x'.repeat(101),
  'x'.repeat(201),
  '测'.repeat(10_000),
];

/** Text by field name: mostly what the field takes, often hostile. */
function text(field: string): fc.Arbitrary<string> {
  const plausible: Record<string, fc.Arbitrary<string>> = {
    stationCode: fc.constantFrom(...CODES),
    code: fc.constantFrom(...CODES, '330624600499'),
    divisionCode: fc.constantFrom('330624', '330681', '330600', '330000', '999999', '33062'),
    externalId: fc.oneof(fc.constantFrom('A', 'B', 'C'), fc.stringMatching(/^[A-Z0-9-]{1,12}$/)),
    key: fc.constantFrom(
      'cases.criminalSolved',
      'cases.homicides',
      'cases.mediationRate',
      'traffic.deaths',
      'traffic.majorAccidents',
      'surveys.securityRate',
      'surveys.nothing',
    ),
    name: fc.constantFrom('corpus-scheme', 'corpus-2', '枫桥派出所', 'Corpus', '-x'),
    title: fc.constantFrom('枫桥式派出所平安考核', 'corpus'),
    address: fc.constantFrom('浙江省绍兴市新昌县测试路1号'),
    brand: fc.constantFrom('枫桥式', ''),
  };
  const hostile = fc.constantFrom(...HOSTILE);
  const good = plausible[field] ?? fc.string({ maxLength: 20 });
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: hostile });
}

const INTS = [
  -2147483648, -1, 0, 1, 2, 3, 5, 6, 10, 100, 1000, 1001, 10_000, 10_001, 100_000, 100_001,
  10_000_000, 10_000_001, 2147483647,
];
const FLOATS = [
  -1e308, -10.01, -10, -1, -0.2, 0, 0.0001, 0.00001, 0.1, 0.98, 1, 1.5, 10, 10.01, 33.33, 50, 100,
  100.001, 101, 1e308,
];
const DATES = [
  '0000-01-01',
  '0001-01-01',
  '1949-09-30',
  '1949-10-01',
  '2018-03-01',
  '2019-02-28',
  '2019-05-01',
  '2019-08-15',
  '2019-08-16',
  '9999-12-31',
  '2019-02-29',
  '2019-13-01',
  '19-05-01',
];

export function scalar(type: string, field: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'String':
    case 'ID':
      return text(field);
    case 'Int':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...INTS) },
        { weight: 3, arbitrary: fc.integer({ min: -1, max: 6 }) },
      );
    case 'Float':
      return fc.oneof(
        fc.constantFrom(...FLOATS),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      );
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...DATES) },
        { weight: 2, arbitrary: fc.constantFrom('2018-03-01', '2019-05-01', '2019-06-30') },
      );
    default:
      return fc.oneof(text(field), fc.integer());
  }
}

/** A value of an input type: lists of 0 to 3, null now and then where null is allowed. */
export function valueOf(type: GraphQLInputType, field: string): fc.Arbitrary<unknown> {
  if (!isNonNullType(type)) {
    return fc.option(present(type, field), { nil: null, freq: 3 });
  }
  return present(type.ofType, field);
}

/** A value that is not null of a type, nullable or not. */
function present(type: GraphQLInputType, field: string): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      {
        weight: 6,
        arbitrary: fc.array(valueOf(inner.ofType, field), { minLength: 1, maxLength: 3 }),
      },
    );
  }
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((v) => v.value));
  if (isInputObjectType(inner)) {
    return fc.record(
      Object.fromEntries(
        Object.values(inner.getFields()).map((f) => [f.name, valueOf(f.type, f.name)]),
      ),
    );
  }
  return scalar(inner.name, field);
}
