import { Parser } from '@asyncapi/parser';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_ASYNCAPI_CHANNEL,
} from '@internal/plugin-integrations-common';
import { MessageSchemaSource } from '@internal/plugin-dlq-common';

const CACHE_MS = 30_000;

/** A message's payload schema, or why there is none. */
export type ResolvedSchema =
  | {
      found: true;
      schema: Record<string, unknown>;
      source: MessageSchemaSource;
    }
  | { found: false; why: string };

/**
 * Finds the payload schema of a topic's message through the catalog: the topic Resource
 * whose address is the message's exchange and routing key (the integrations catalog
 * module emits one per AsyncAPI channel, annotated with its API and channel), then the
 * API entity's AsyncAPI document, parsed with @asyncapi/parser. Read with the plugin's
 * own credentials, like the queue entities, and cached briefly.
 */
export class MessageSchemaResolver {
  private readonly parser = new Parser();
  private readonly cache = new Map<
    string,
    { at: number; result: Promise<ResolvedSchema> }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  resolve(exchange: string, routingKey: string): Promise<ResolvedSchema> {
    const key = `${exchange}\n${routingKey}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.result;
    const result = this.load(exchange, routingKey).catch(e => {
      this.cache.delete(key);
      this.logger.warn(
        `could not resolve the schema of ${exchange} ${routingKey}: ${e}`,
      );
      return {
        found: false as const,
        why: 'the catalog could not be read; try again later',
      };
    });
    this.cache.set(key, { at: Date.now(), result });
    return result;
  }

  private async load(
    exchange: string,
    routingKey: string,
  ): Promise<ResolvedSchema> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items: all } = await this.catalog.getEntities(
      {
        // Topics are few; matched on their address here (nested fields are not
        // searchable in every catalog backend).
        filter: { kind: 'resource', 'spec.type': 'topic' },
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials },
    );
    const addressOf = (e: Entity) =>
      e.spec?.address as { exchange?: string; routingKey?: string } | undefined;
    const exchangeOf = (e: Entity) => addressOf(e)?.exchange;
    const items = all.filter(e => addressOf(e)?.routingKey === routingKey);
    // A runtime may prefix its exchanges (a namespace): the exact name first, then the
    // catalog's name as the last part of the runtime's.
    const topic =
      items.find(e => exchangeOf(e) === exchange) ??
      items.find(e => {
        const name = exchangeOf(e);
        return !!name && new RegExp(`[._-]${escape(name)}$`).test(exchange);
      });
    if (!topic) {
      return {
        found: false,
        why: `no topic in the catalog has the address ${exchange} / ${routingKey}`,
      };
    }
    const topicRef = stringifyEntityRef(topic);
    const apiRef = topic.metadata.annotations?.[ANNOTATION_ASYNCAPI_API];
    const channelId = topic.metadata.annotations?.[ANNOTATION_ASYNCAPI_CHANNEL];
    if (!apiRef || !channelId) {
      return {
        found: false,
        why: `topic ${topicRef} is not described by an AsyncAPI document`,
      };
    }
    const api = await this.catalog.getEntityByRef(apiRef, { credentials });
    const definition = api?.spec?.definition;
    if (
      !api ||
      api.spec?.type !== 'asyncapi' ||
      typeof definition !== 'string'
    ) {
      return {
        found: false,
        why: `${apiRef} (the API of topic ${topicRef}) has no AsyncAPI definition in the catalog`,
      };
    }
    const { document } = await this.parser.parse(definition);
    if (!document) {
      return {
        found: false,
        why: `the AsyncAPI document of ${apiRef} does not parse`,
      };
    }
    const channel = document.channels().get(channelId);
    const message = channel?.messages().all()[0];
    const payload = message?.payload();
    if (!message || !payload) {
      return {
        found: false,
        why: `channel ${channelId} of ${apiRef} declares no message payload`,
      };
    }
    const format = message.schemaFormat();
    if (format && !/json|asyncapi/i.test(format)) {
      return {
        found: false,
        why: `the payload schema of ${apiRef} is ${format}, not JSON Schema`,
      };
    }
    return {
      found: true,
      schema: payload.json() as Record<string, unknown>,
      source: {
        api: stringifyEntityRef(api),
        topic: topicRef,
        channel: channelId,
        message: message.name() ?? message.id(),
        version: document.info().version(),
      },
    };
  }
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
