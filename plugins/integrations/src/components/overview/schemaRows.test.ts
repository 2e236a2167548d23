import { schemaRows } from './schemaRows';

describe('schemaRows', () => {
  it('lists nested properties with required, rules and examples', () => {
    const rows = schemaRows({
      type: 'object',
      required: ['orderId', 'lines'],
      properties: {
        orderId: { type: 'string', description: 'Business id' },
        customerTier: { type: 'string', enum: ['standard', 'gold'] },
        lines: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['sku'],
            properties: {
              sku: { type: 'string', examples: ['A-1'] },
              quantity: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    });
    expect(rows.map(r => [r.path, r.type, r.required])).toEqual([
      ['orderId', 'string', true],
      ['customerTier', 'string', false],
      ['lines', 'array of object', true],
      ['lines[]', 'object', false],
      ['lines[].sku', 'string', true],
      ['lines[].quantity', 'integer', false],
    ]);
    expect(rows[0].description).toBe('Business id');
    expect(rows[1].constraints).toEqual(['one of "standard", "gold"']);
    expect(rows[2].constraints).toEqual(['items ≥ 1']);
    expect(rows[4].example).toBe('"A-1"');
    expect(rows[5].constraints).toEqual(['≥ 1']);
  });

  it('merges allOf parts and labels oneOf alternatives', () => {
    const common = {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string' } },
    };
    const rows = schemaRows({
      type: 'object',
      oneOf: [
        {
          allOf: [
            { properties: { socket_sequence: { type: 'integer' } } },
            common,
          ],
        },
        { allOf: [{ properties: { eventId: { type: 'integer' } } }, common] },
      ],
    });
    expect(rows.map(r => [r.path, r.variant, r.required])).toEqual([
      ['socket_sequence', 'one of 1/2', false],
      ['type', 'one of 1/2', true],
      ['eventId', 'one of 2/2', false],
      ['type', 'one of 2/2', true],
    ]);
  });

  it('shows a recursive reference and a payload that is no object', () => {
    expect(
      schemaRows({
        type: 'object',
        properties: { parent: { $circular: 'Node' } },
      }).map(r => r.type),
    ).toEqual(['↻ Node']);
    expect(schemaRows({ type: 'string', format: 'uuid' })).toEqual([
      expect.objectContaining({
        path: '(payload)',
        type: 'string',
        constraints: ['format uuid'],
      }),
    ]);
    expect(schemaRows(undefined)).toEqual([]);
  });
});
