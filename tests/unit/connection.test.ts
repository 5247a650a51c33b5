import { bounded, decodeCursor, encodeCursor } from '../../subgraphs/kit/contract/connection';

const digits = (text: string) => (/^\d+$/.test(text) ? Number(text) : null);

const refusal = (field: string) =>
  expect.objectContaining({
    extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
  });

describe('cursors', () => {
  it('reads back the position a cursor of the same list holds', () => {
    expect(decodeCursor('row', encodeCursor('row', 42), digits)).toBe(42);
    const position = JSON.stringify([1, '2019-03-01', 'A:1']);
    expect(decodeCursor('record', encodeCursor('record', position), JSON.parse)).toEqual([
      1,
      '2019-03-01',
      'A:1',
    ]);
  });

  it('issues the cursors clients already hold: `<list>:<position>` in base64url', () => {
    expect(encodeCursor('station', '330681500001')).toBe(
      Buffer.from('station:330681500001').toString('base64url'),
    );
  });

  it.each([
    ['another list', encodeCursor('board', 42)],
    ['a list whose name starts the same', encodeCursor('rows', 42)],
    ['a position the list never issues', encodeCursor('row', 'x')],
    ['no list at all', Buffer.from('42').toString('base64url')],
    ['text that is not base64url', '!!!'],
  ])('refuses a cursor of %s on `after`', (_, cursor) => {
    expect(() => decodeCursor('row', cursor, digits)).toThrow(refusal('after'));
  });
});

describe('bounded', () => {
  it('takes an integer from 1 to its maximum', () => {
    expect(bounded(1, 'first', 100)).toBe(1);
    expect(bounded(100, 'first', 100)).toBe(100);
  });

  it.each([0, 101, 1.5, -1])('refuses %p naming the argument', (value) => {
    expect(() => bounded(value, 'last', 100)).toThrow(refusal('last'));
    expect(() => bounded(value, 'last', 100)).toThrow(`last ${value} must be between 1 and 100`);
  });
});
