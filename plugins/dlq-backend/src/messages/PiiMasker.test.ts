import { MASK, PiiMasker } from './PiiMasker';

describe('PiiMasker', () => {
  const masker = new PiiMasker(['email', 'customer.phone', 'Authorization']);

  it('masks keys anywhere and dotted paths from the root, through arrays', () => {
    const body = JSON.stringify({
      email: 'a@b.c',
      customer: { phone: '+49 1', name: 'Ann', email: 'x@y.z' },
      lines: [{ customer: { phone: 'kept: not a root path' } }],
    });
    const { text, isJson, masked } = masker.maskBody(body);
    const out = JSON.parse(text);
    expect(isJson).toBe(true);
    expect(out.email).toBe(MASK);
    expect(out.customer).toEqual({ phone: MASK, name: 'Ann', email: MASK });
    expect(out.lines[0].customer.phone).toBe('kept: not a root path');
    expect(masked.sort()).toEqual([
      'customer.email',
      'customer.phone',
      'email',
    ]);
    expect(text).not.toContain('a@b.c');
    expect(
      masker.scrub(
        'mail to a@b.c failed for Ann',
        masker.maskBody(body).values,
      ),
    ).toBe(`mail to ${MASK} failed for Ann`);
  });

  it('leaves a non-JSON body as it is and masks headers by name', () => {
    expect(masker.maskBody('not json')).toEqual({
      text: 'not json',
      isJson: false,
      masked: [],
      values: [],
    });
    expect(
      masker.maskHeaders({ authorization: 'Bearer x', traceparent: '00-1' }),
    ).toEqual({
      headers: { authorization: MASK, traceparent: '00-1' },
      masked: ['header authorization'],
    });
  });
});
