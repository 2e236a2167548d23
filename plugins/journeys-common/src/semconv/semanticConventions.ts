/**
 * The OpenTelemetry attribute names the portal reads, current name first, then the older
 * names earlier semantic-convention versions (and instrumentations still on them, such as
 * amqplib's `messaging.message_id`) write. Everything that reads a span attribute goes
 * through this table, so supporting another spelling is one line here.
 */
export const SEMANTIC_CONVENTIONS = {
  messageId: ['messaging.message.id', 'messaging.message_id'],
  destination: [
    'messaging.destination.name',
    'messaging.destination',
    'messaging.rabbitmq.destination.routing_key',
  ],
  messagingSystem: ['messaging.system'],
  messagingOperation: [
    'messaging.operation.type',
    'messaging.operation',
    'messaging.operation.name',
  ],
  httpStatus: ['http.response.status_code', 'http.status_code'],
  httpMethod: ['http.request.method', 'http.method'],
  httpRoute: ['http.route'],
  urlPath: ['url.path', 'http.target'],
  rpcSystem: ['rpc.system'],
  rpcService: ['rpc.service'],
  rpcMethod: ['rpc.method'],
  /** gRPC's numeric status; `rpc.response.status_code` in the newest conventions. */
  rpcStatus: ['rpc.response.status_code', 'rpc.grpc.status_code'],
  errorType: ['error.type'],
  dbSystem: ['db.system.name', 'db.system'],
  dbOperation: ['db.operation.name', 'db.operation'],
  dbNamespace: ['db.namespace', 'db.name'],
  /**
   * Not an OpenTelemetry convention: the portal's own mark on a consumer span whose delivery
   * was re-driven from a dead-letter queue (the replay job's id). The integration runtime sets
   * it from the `replay-id` message header; any other runtime can do the same.
   */
  replayId: ['switchboard.replay.id'],
} as const satisfies Record<string, readonly string[]>;

export type SemanticField = keyof typeof SEMANTIC_CONVENTIONS;

/** The canonical (current) attribute name of a field, e.g. `messaging.message.id`. */
export const canonicalAttribute = (field: SemanticField): string =>
  SEMANTIC_CONVENTIONS[field][0];

/** The first of the field's names the attributes carry (a prototype-free map is safe to pass). */
export function readAttribute(
  attributes: Readonly<Record<string, unknown>>,
  field: SemanticField,
): unknown {
  for (const name of SEMANTIC_CONVENTIONS[field]) {
    if (Object.hasOwn(attributes, name)) {
      const v = attributes[name];
      if (v !== undefined && v !== null && v !== '') return v;
    }
  }
  return undefined;
}

/** A string or number attribute as text, else undefined. */
export function readText(
  attributes: Readonly<Record<string, unknown>>,
  field: SemanticField,
): string | undefined {
  const v = readAttribute(attributes, field);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** An integer attribute (numbers written as strings too, as some SDKs do), else undefined. */
export function readInteger(
  attributes: Readonly<Record<string, unknown>>,
  field: SemanticField,
): number | undefined {
  const v = readAttribute(attributes, field);
  const n = typeof v === 'string' && /^-?\d{1,9}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}
