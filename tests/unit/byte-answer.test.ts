import { byteString, dataInBytes, stringifyAnswer } from '../../subgraphs/kit/service/byte-answer';

/** An answer whose data's strings are all byte strings, as a compiled entity fetch makes it. */
function inBytes(strings: string[]) {
  const data = { _entities: strings.map((label) => ({ label: byteString(label), n: 0.5 })) };
  dataInBytes(data);
  return data;
}

describe('an answer made of byte strings', () => {
  // Every kind a label may be; the last has lone surrogates, which JSON escapes in ASCII.
  const strings = [
    '命案发案数',
    'café',
    'a😀b',
    'quote " slash \\ \n',
    'ascii',
    'lone \ud800 \udc00',
  ];

  it("is a string's UTF-8 bytes, one character a byte", () => {
    for (const text of strings.slice(0, -1)) {
      expect(Buffer.from(byteString(text), 'latin1').equals(Buffer.from(text))).toBe(true);
    }
  });

  it('is, outside a request, the JSON of the text it stands for, errors and all', () => {
    const errors = [{ message: '部门不可用 é', path: ['_entities', 0] }];
    const text = { errors, data: { _entities: strings.map((label) => ({ label, n: 0.5 })) } };
    expect(stringifyAnswer({ errors, data: inBytes(strings), extensions: undefined })).toBe(
      JSON.stringify(text),
    );
  });

  it('is written as JSON.stringify writes it when its data is not marked', () => {
    const result = { data: { label: '命案发案数' } };
    expect(stringifyAnswer(result)).toBe(JSON.stringify(result));
  });
});
