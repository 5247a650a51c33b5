import { utf8Bytes } from '../../platform/utf8-bytes';

describe('utf8Bytes', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '{"data":{"rows":[]}}'],
    ['Chinese', '{"label":"刑事案件破案数"}'],
    ['three bytes to every character', '命案发案数'],
    ['Latin-1', 'café'],
    ['outside the BMP', 'a😀b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('writes the bytes Node writes for a string (%s)', (_what, text) => {
    expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
