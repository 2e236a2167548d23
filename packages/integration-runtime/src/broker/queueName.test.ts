import { assertQueueName, QUEUE_NAME } from './queueName';

describe('queue names', () => {
  it('refuses names made only of dots and anything outside the alphabet', () => {
    for (const name of [
      '.',
      '..',
      '....',
      '',
      'a/b',
      'a b',
      'a\u0000',
      'é',
      'x'.repeat(201),
    ]) {
      expect(() => assertQueueName(name, 'dlq')).toThrow(
        expect.objectContaining({ name: 'InputError' }),
      );
    }
  });

  it('accepts queue names, dots included', () => {
    for (const name of [
      'orders',
      'ns.erp-connector.order-created',
      '.hidden',
      'a..b',
      'x'.repeat(200),
    ]) {
      expect(assertQueueName(name)).toBe(name);
      expect(QUEUE_NAME.test(name)).toBe(true);
    }
  });
});
