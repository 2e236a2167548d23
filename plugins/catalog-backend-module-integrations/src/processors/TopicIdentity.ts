import { createHash } from 'node:crypto';
import {
  AsyncApiChannelSummary,
  AsyncApiSummary,
} from './AsyncApiDocumentReader';
import {
  BrokerIdentityError,
  brokerKind,
  canonicalBroker,
  protocolOfBroker,
} from './BrokerIdentity';

/**
 * One topic or queue on one broker, as one AsyncAPI document describes it: all of the
 * document's channels with that broker and address (each keeps its own direction).
 */
export type DescribedTopic = {
  /** broker | kind | exchange | address: equal keys are one catalog entity. */
  key: string;
  /** Canonical broker URL (see canonicalBroker). */
  broker: string;
  /** Whether the document named the server, or the default broker was assumed. */
  brokerDeclared: boolean;
  /** The document's name of that server, when it named one. */
  serverName?: string;
  protocol: string;
  kind: 'topic' | 'queue';
  /** The channel address (a queue channel: the queue's name). */
  address: string;
  exchange?: string;
  channels: AsyncApiChannelSummary[];
  /** Problems reading the channel's servers; the default broker was used instead. */
  problems: string[];
};

const MAX_NAME_LENGTH = 63;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * A valid entity name for a channel address: runs of other characters than
 * letters and digits become `-` unless they are a single `.`, `_` or `-`.
 */
export function resourceNameForAddress(address: string): string {
  const name = address
    .replace(/[^A-Za-z0-9]+/g, run => (/^[-_.]$/.test(run) ? run : '-'))
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (name && name.length <= MAX_NAME_LENGTH) {
    return name;
  }
  // Too long (or nothing left): a readable prefix, kept unique by a hash of the address.
  return withSuffix(name, shortHash(address), 'channel');
}

function withSuffix(name: string, suffix: string, fallback: string): string {
  const prefix = name
    .slice(0, MAX_NAME_LENGTH - suffix.length - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return `${prefix || fallback}-${suffix}`;
}

/**
 * The name of a topic whose plain name another broker's topic already has: the plain
 * name and a short hash of the full identity, so it stays the same on every run.
 */
export function disambiguatedName(topic: DescribedTopic): string {
  return withSuffix(
    resourceNameForAddress(topic.address),
    shortHash(topic.key),
    'channel',
  );
}

export function topicKey(parts: {
  broker: string;
  kind: 'topic' | 'queue';
  exchange?: string;
  address: string;
}): string {
  return [parts.broker, parts.kind, parts.exchange ?? '', parts.address].join(
    '|',
  );
}

/**
 * The topics of a document: channels grouped by (broker, address). A channel's broker is
 * the first server it is available on; without one, `defaultBroker`.
 */
export function describedTopics(
  summary: AsyncApiSummary,
  defaultBroker: string,
): DescribedTopic[] {
  const topics = new Map<string, DescribedTopic>();
  for (const channel of summary.channels) {
    const problems: string[] = [];
    const server = channel.servers[0];
    let broker = defaultBroker;
    let protocol = protocolOfBroker(defaultBroker);
    if (server) {
      try {
        broker = canonicalBroker(server, { vhost: channel.amqp?.vhost });
        protocol = server.protocol.toLowerCase();
      } catch (e) {
        if (!(e instanceof BrokerIdentityError)) throw e;
        problems.push(
          `channel ${channel.id}: server ${server.name}: ${e.message}; the default broker ${defaultBroker} is assumed`,
        );
      }
    }
    const isAmqp = brokerKind(protocol) === 'rabbitmq';
    const kind = isAmqp && channel.amqp?.is === 'queue' ? 'queue' : 'topic';
    const address =
      kind === 'queue'
        ? channel.amqp?.queue ?? channel.address
        : channel.address;
    const exchange =
      isAmqp && kind === 'topic' ? channel.amqp?.exchange : undefined;
    const key = topicKey({ broker, kind, exchange, address });
    const known = topics.get(key);
    if (known) {
      known.channels.push(channel);
      known.problems.push(...problems);
      continue;
    }
    topics.set(key, {
      key,
      broker,
      brokerDeclared: !!server && problems.length === 0,
      serverName: server?.name,
      protocol,
      kind,
      address,
      exchange,
      channels: [channel],
      problems,
    });
  }
  return [...topics.values()];
}
