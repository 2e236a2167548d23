import { createHash } from 'node:crypto';
import {
  AsyncAPIDocumentInterface,
  ChannelInterface,
  DiagnosticSeverity,
  MessageInterface,
  Parser,
} from '@asyncapi/parser';
import type { Diagnostic } from '@asyncapi/parser';
import { parse } from 'yaml';
import type {
  JsonData,
  JsonDataObject,
} from '@internal/plugin-integrations-common';

/** A server a channel is available on, as the document declares it (plain JSON). */
export type AsyncApiServerSummary = {
  /** Key of the server in the document. */
  name: string;
  protocol: string;
  /** 2.x url or 3.x host. */
  host: string;
  pathname?: string;
  variables?: Record<string, { default?: string; enum?: string[] }>;
};

/** A message of a channel with what a reader of the topic page needs. */
export type AsyncApiMessageSummary = {
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  contentType?: string;
  /** The payload's schema, dereferenced, cycles replaced by { $circular: <id> }. */
  payload?: JsonDataObject;
  headers?: JsonDataObject;
  examples?: Array<{ name?: string; summary?: string; payload?: JsonData }>;
  /** Hash of the payload and header schemas: two documents disagree when it differs. */
  schemaHash?: string;
};

/** What the processor keeps of a channel: plain JSON, so it fits the processor cache. */
export type AsyncApiChannelSummary = {
  /** Key of the channel in the document. */
  id: string;
  address: string;
  title?: string;
  description?: string;
  /** The servers the channel is available on (channel `servers`, else all of the document's). */
  servers: AsyncApiServerSummary[];
  amqp?: { is?: string; exchange?: string; queue?: string; vhost?: string };
  messages: AsyncApiMessageSummary[];
  /** Whether the application that provides the API sends / receives on it. */
  sends: boolean;
  receives: boolean;
  /** Names of the messages it sends / receives here (operations and their replies). */
  sentMessages: string[];
  receivedMessages: string[];
};

export type AsyncApiSummary = {
  /** info.version of the document. */
  version: string;
  title?: string;
  channels: AsyncApiChannelSummary[];
};

export type AsyncApiReading =
  | { valid: true; summary: AsyncApiSummary }
  | { valid: false; problems: string[] };

function formatDiagnostic(diagnostic: Diagnostic): string {
  const path = diagnostic.path.join('.');
  return path ? `${path}: ${diagnostic.message}` : diagnostic.message;
}

export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function amqpBinding(
  channel: ChannelInterface,
): AsyncApiChannelSummary['amqp'] {
  const binding = channel.bindings().get('amqp');
  if (!binding) {
    return undefined;
  }
  const value = binding.value<{
    is?: unknown;
    exchange?: { name?: unknown; vhost?: unknown };
    queue?: { name?: unknown; vhost?: unknown };
  }>();
  return omitUndefined({
    is: text(value.is),
    exchange: text(value.exchange?.name),
    queue: text(value.queue?.name),
    vhost: text(value.queue?.vhost) ?? text(value.exchange?.vhost),
  });
}

/** Schemas larger than this (as JSON) are left out of the entity, with a note instead. */
const MAX_SCHEMA_CHARS = 48_000;
const MAX_SCHEMA_DEPTH = 16;

/**
 * A plain copy of a parsed schema: the parser's own `x-parser-*` keys dropped, a
 * recursive reference cut at its second visit, very deep or large schemas cut short.
 */
export function plainSchema(value: unknown): JsonDataObject | undefined {
  const copy = (node: unknown, path: unknown[], depth: number): JsonData => {
    if (node === null || typeof node !== 'object') {
      return (node ?? null) as JsonData;
    }
    if (path.includes(node)) {
      const id = (node as Record<string, unknown>)['x-parser-schema-id'];
      return { $circular: typeof id === 'string' ? id : 'schema' };
    }
    if (depth > MAX_SCHEMA_DEPTH) {
      return { $truncated: `deeper than ${MAX_SCHEMA_DEPTH} levels` };
    }
    const next = [...path, node];
    if (Array.isArray(node)) {
      return node.map(item => copy(item, next, depth + 1));
    }
    const out: JsonDataObject = {};
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('x-parser-')) continue;
      out[key] = copy(child, next, depth + 1);
    }
    return out;
  };
  if (value === null || typeof value !== 'object') return undefined;
  const result = copy(value, [], 0) as JsonDataObject;
  if (JSON.stringify(result).length > MAX_SCHEMA_CHARS) {
    return {
      $truncated: `the schema is over ${MAX_SCHEMA_CHARS} characters of JSON; see the AsyncAPI document`,
    };
  }
  return result;
}

/** JSON with sorted keys, so equal schemas hash alike whatever their key order. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map(
      k =>
        `${JSON.stringify(k)}:${stableJson(
          (value as Record<string, unknown>)[k],
        )}`,
    )
    .join(',')}}`;
}

function messageName(message: MessageInterface): string | undefined {
  return message.name() ?? message.id() ?? undefined;
}

function summariseMessage(
  message: MessageInterface,
): AsyncApiMessageSummary | undefined {
  const name = messageName(message);
  if (!name) return undefined;
  const payload = message.hasPayload()
    ? plainSchema(message.payload()?.json())
    : undefined;
  const headers = message.hasHeaders()
    ? plainSchema(message.headers()?.json())
    : undefined;
  const examples = message
    .examples()
    .all()
    .map(example =>
      omitUndefined({
        name: example.name(),
        summary: example.summary(),
        payload: example.hasPayload()
          ? (plainSchema({ v: example.payload() })?.v as JsonData)
          : undefined,
      }),
    )
    .filter(example => example.payload !== undefined);
  return omitUndefined({
    name,
    title: message.title(),
    summary: message.summary(),
    description: message.description(),
    contentType: message.contentType(),
    payload,
    headers,
    examples: examples.length > 0 ? examples : undefined,
    schemaHash:
      payload || headers
        ? createHash('sha256')
            .update(stableJson({ payload, headers }))
            .digest('hex')
            .slice(0, 12)
        : undefined,
  });
}

function serverSummary(
  name: string,
  json: Record<string, unknown>,
): AsyncApiServerSummary | undefined {
  const protocol = text(json.protocol);
  const host = text(json.host) ?? text(json.url);
  if (!protocol || !host) return undefined;
  const variables: AsyncApiServerSummary['variables'] = {};
  const declared = json.variables;
  if (declared && typeof declared === 'object') {
    for (const [key, v] of Object.entries(declared)) {
      const variable = v as { default?: unknown; enum?: unknown[] };
      variables[key] = omitUndefined({
        default: text(variable?.default),
        enum: Array.isArray(variable?.enum)
          ? variable.enum.filter((e): e is string => typeof e === 'string')
          : undefined,
      });
    }
  }
  return omitUndefined({
    name,
    protocol,
    host,
    pathname: text(json.pathname),
    variables: Object.keys(variables).length > 0 ? variables : undefined,
  });
}

function summarise(document: AsyncAPIDocumentInterface): AsyncApiSummary {
  const directions = new Map<
    string,
    { sends: Set<string>; receives: Set<string> }
  >();
  const directionOf = (channel: ChannelInterface) => {
    let d = directions.get(channel.id());
    if (!d) {
      d = { sends: new Set(), receives: new Set() };
      directions.set(channel.id(), d);
    }
    return d;
  };
  // isSend()/isReceive() are the application's view in both versions: the parser
  // maps 2.x `subscribe` to send and `publish` to receive. A 3.x reply goes the other way.
  for (const operation of document.operations().all()) {
    const sends = operation.isSend();
    for (const channel of operation.channels().all()) {
      const named = operation.messages().all();
      const messages = (named.length > 0 ? named : channel.messages().all())
        .map(messageName)
        .filter((n): n is string => !!n);
      const d = directionOf(channel);
      const set = sends ? d.sends : d.receives;
      if (messages.length === 0) set.add('');
      messages.forEach(m => set.add(m));
    }
    const reply = operation.reply();
    const replyChannel = reply?.channel();
    if (reply && replyChannel) {
      const named = reply.messages().all();
      const messages = (
        named.length > 0 ? named : replyChannel.messages().all()
      )
        .map(messageName)
        .filter((n): n is string => !!n);
      const d = directionOf(replyChannel);
      const set = sends ? d.receives : d.sends;
      if (messages.length === 0) set.add('');
      messages.forEach(m => set.add(m));
    }
  }

  const documentServers = document
    .servers()
    .all()
    .map(s => serverSummary(s.id(), s.json() as Record<string, unknown>))
    .filter((s): s is AsyncApiServerSummary => !!s);

  const channels = document
    .channels()
    .all()
    .map(channel => {
      const own = channel
        .servers()
        .all()
        .map(s => serverSummary(s.id(), s.json() as Record<string, unknown>))
        .filter((s): s is AsyncApiServerSummary => !!s);
      const d = directions.get(channel.id());
      const named = (set?: Set<string>) =>
        [...(set ?? [])].filter(Boolean).sort();
      return omitUndefined({
        id: channel.id(),
        address: channel.address() ?? channel.id(),
        title: text((channel.json() as { title?: unknown }).title),
        description: channel.description(),
        servers: own.length > 0 ? own : documentServers,
        amqp: amqpBinding(channel),
        messages: channel
          .messages()
          .all()
          .map(summariseMessage)
          .filter((m): m is AsyncApiMessageSummary => !!m),
        sends: (d?.sends.size ?? 0) > 0,
        receives: (d?.receives.size ?? 0) > 0,
        sentMessages: named(d?.sends),
        receivedMessages: named(d?.receives),
      });
    });
  return omitUndefined({
    version: document.info().version(),
    title: document.info().title(),
    channels,
  });
}

/** The `$ref` values of a document that point outside it (anything but `#...`). */
function outsideRefs(definition: string): string[] {
  let root: unknown;
  try {
    root = parse(definition);
  } catch {
    return []; // the parser reports the syntax error with its position
  }
  const refs = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (
        key === '$ref' &&
        typeof value === 'string' &&
        !value.startsWith('#')
      ) {
        refs.add(value);
      } else {
        walk(value);
      }
    }
  };
  walk(root);
  return [...refs];
}

/** Parses AsyncAPI 2.x / 3.x documents with the official parser and keeps what the catalog needs. */
export class AsyncApiDocumentReader {
  private readonly parser = new Parser();

  async read(definition: string): Promise<AsyncApiReading> {
    // A relative $ref would be read from the backend's working directory by the parser's
    // resolver before any of ours sees it: refuse every $ref out of the document first.
    const outside = outsideRefs(definition);
    if (outside.length > 0) {
      return {
        valid: false,
        problems: outside.map(
          ref =>
            `$ref ${ref}: external references are not resolved, only references within the document`,
        ),
      };
    }
    // The parser would otherwise fetch http(s) URLs and read local files named in a
    // $ref: a catalog entity must not make the backend do either.
    const externalRefs: string[] = [];
    const { document, diagnostics } = await this.parser.parse(definition, {
      __unstable: {
        resolver: {
          resolvers: ['file', 'http', 'https'].map(schema => ({
            schema,
            order: 0,
            read: uri => {
              externalRefs.push(uri.toString());
              return '{}';
            },
          })),
        },
      },
    });
    const problems = [
      ...externalRefs.map(
        ref =>
          `$ref ${ref}: external references are not resolved, only references within the document`,
      ),
      ...diagnostics
        .filter(d => d.severity === DiagnosticSeverity.Error)
        .map(formatDiagnostic),
    ];
    if (problems.length > 0) {
      return { valid: false, problems };
    }
    if (!document) {
      return { valid: false, problems: ['the parser returned no document'] };
    }
    return { valid: true, summary: summarise(document) };
  }
}
