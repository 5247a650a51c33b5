import { parseScope } from '../../subgraphs/kit/figures/scope';

describe('parseScope', () => {
  it.each([
    ['330000', 'PROVINCE', '33'],
    ['330600', 'CITY', '3306'],
    ['330681', 'COUNTY', '330681'],
    ['330681500001', 'STATION', null],
  ])('reads %s as a %s scope', (code, level, divisionPrefix) => {
    expect(parseScope(code)).toEqual({ code, level, divisionPrefix });
  });

  it.each(['', '3306', '33068', '3306810', 'abcdef', '33068150000a', '3306815000011'])(
    'refuses %j with BAD_USER_INPUT',
    (code) => {
      expect(() => parseScope(code)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      );
    },
  );
});
