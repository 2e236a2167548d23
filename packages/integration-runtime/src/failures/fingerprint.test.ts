import { failureFingerprint, normaliseErrorMessage } from './fingerprint';

describe('failure fingerprints', () => {
  it('groups messages that differ only in ids, numbers and times', () => {
    const a = failureFingerprint(
      'ProviderUnavailableError',
      'capture-payment',
      'provider answered 503 for ord_k2j3h4g5 after 1500 ms at 2026-11-23T10:00:01.123Z',
    );
    const b = failureFingerprint(
      'ProviderUnavailableError',
      'capture-payment',
      'provider answered 503 for ord_zz99yy88 after 2750 ms at 2026-11-24T08:12:59Z',
    );
    expect(a).toBe(b);
  });

  it('separates different error classes, stages and messages', () => {
    const base = failureFingerprint('A', 'stage', 'boom');
    expect(failureFingerprint('B', 'stage', 'boom')).not.toBe(base);
    expect(failureFingerprint('A', 'other', 'boom')).not.toBe(base);
    expect(failureFingerprint('A', 'stage', 'bang')).not.toBe(base);
  });

  it('normalises uuids, quoted values and hex ids', () => {
    expect(
      normaliseErrorMessage(
        'message 3f2b8a3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c has "bad" tier \'x\' trace 0af7651916cd43dd8448eb211c80319c',
      ),
    ).toBe('message <uuid> has <str> tier <str> trace <hex>');
  });
});
