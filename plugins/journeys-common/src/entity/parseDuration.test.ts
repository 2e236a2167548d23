import { entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from './Journey.v1alpha1.schema.json';
import { parseDuration } from './parseDuration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['28d', 28 * 86_400_000],
    ['1w', 7 * 86_400_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', '0m', '-5m', '1.5h', '10 m', '10min', 'PT10M', '1h30m'])(
    'rejects %j',
    text => {
      expect(() => parseDuration(text)).toThrow(
        `Invalid duration ${JSON.stringify(text)}: expected`,
      );
    },
  );

  it('accepts exactly the durations the Journey schema accepts', () => {
    const validate = entityKindSchemaValidator(schema);
    const accepts = (stuckAfter: string) => {
      const entity = structuredClone(schema.examples[0]);
      try {
        return Boolean(
          validate({ ...entity, spec: { ...entity.spec, stuckAfter } }),
        );
      } catch {
        return false;
      }
    };
    for (const text of [
      '250ms',
      '10m',
      '28d',
      '1w',
      '10',
      '0m',
      '1.5h',
      '10min',
      '1h30m',
    ]) {
      let parses = true;
      try {
        parseDuration(text);
      } catch {
        parses = false;
      }
      expect({ text, schema: accepts(text) }).toEqual({ text, schema: parses });
    }
  });
});
