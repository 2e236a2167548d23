import { checkBody, lineDiff, unmask } from './EditedBody';
import { MASK } from './PiiMasker';

describe('EditedBody', () => {
  const schema = {
    type: 'object',
    required: ['orderId', 'currency'],
    additionalProperties: false,
    properties: {
      orderId: { type: 'string' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      tier: { enum: ['standard', 'gold'] },
      lines: {
        type: 'array',
        items: {
          type: 'object',
          properties: { quantity: { type: 'integer', minimum: 1 } },
        },
      },
    },
  };

  it('lists every schema problem with its JSON path', () => {
    const { problems } = checkBody(
      JSON.stringify({
        currency: 'EURO',
        tier: 'silver',
        lines: [{ quantity: 0 }],
        extra: 1,
      }),
      schema,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '', message: "must have required property 'orderId'" },
        { path: '', message: "must not have the property 'extra'" },
        { path: '/currency', message: 'must match pattern "^[A-Z]{3}$"' },
        { path: '/tier', message: 'must be one of ["standard","gold"]' },
        { path: '/lines/0/quantity', message: 'must be >= 1' },
      ]),
    );
    expect(
      checkBody('{"orderId":"o1","currency":"EUR"}', schema).problems,
    ).toEqual([]);
  });

  it('checks only JSON syntax without a schema', () => {
    expect(checkBody('{"a":', undefined).problems[0].message).toMatch(
      /^not valid JSON/,
    );
    expect(checkBody('{"anything": true}', undefined).problems).toEqual([]);
  });

  it('puts masked values back where they were masked, and refuses a mask elsewhere', () => {
    const original = { customerId: 'C-1', lines: [{ email: 'a@b.c' }] };
    expect(
      unmask(
        { customerId: MASK, lines: [{ email: MASK }], currency: 'EUR' },
        original,
      ),
    ).toEqual({
      customerId: 'C-1',
      lines: [{ email: 'a@b.c' }],
      currency: 'EUR',
    });
    // An edited value replaces the original.
    expect(unmask({ customerId: 'C-2' }, original)).toEqual({
      customerId: 'C-2',
    });
    expect(() => unmask({ note: MASK }, original)).toThrow(
      /mask placeholder at \/note/,
    );
  });

  it('diffs line by line', () => {
    expect(
      lineDiff('{\n  "a": 1,\n  "b": 2\n}', '{\n  "a": 1,\n  "b": 3\n}'),
    ).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'same', text: '  "a": 1,' },
      { kind: 'removed', text: '  "b": 2' },
      { kind: 'added', text: '  "b": 3' },
      { kind: 'same', text: '}' },
    ]);
  });
});
