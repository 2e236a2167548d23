import path from 'node:path';
import { z } from 'zod';
import { RetryPolicy } from './broker/types';
import { Fault } from './flows/Faults';
import { packagePath } from './packagePaths';
import { TrafficSettings } from './traffic/TrafficGenerator';

export interface RuntimeConfig {
  broker:
    | { kind: 'rabbitmq'; url: string }
    | {
        kind: 'embedded';
        file: string;
        /** How long a delivery a killed process had claimed stays invisible. */
        visibilityTimeoutMs?: number;
      };
  /** The runtime's own state (ledger, side effects, failure store, replay jobs). */
  databaseFile: string;
  /** Prefix for exchanges and queues (tests run beside the demo on one broker). */
  namespace: string;
  host: string;
  adminPort: number;
  servicesPort: number;
  tokens: { admin: string; read: string };
  otlpEndpoint?: string;
  otlpHeaders?: Record<string, string>;
  retry: RetryPolicy;
  /** A message that fails again after this many replays is parked. */
  maxReplays: number;
  maxReplayRatePerSecond: number;
  traffic: Partial<TrafficSettings>;
  faults: Record<string, Fault>;
}

const defaultDataDir = packagePath('..', '..', '.data', 'runtime');

const json = <T extends z.ZodTypeAny>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s);
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          message: `not JSON: ${(e as Error).message}`,
        });
        return z.NEVER;
      }
    })
    .pipe(schema);

const FaultSchema = z
  .object({
    errorRate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    outage: z.boolean().optional(),
    rejectRate: z.number().min(0).max(1).optional(),
  })
  .strict();

const Env = z.object({
  RUNTIME_BROKER: z.enum(['rabbitmq', 'embedded']).optional(),
  RABBITMQ_URL: z.string().url().optional(),
  RUNTIME_DATA_DIR: z.string().default(defaultDataDir),
  RUNTIME_EMBEDDED_VISIBILITY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .optional(),
  RUNTIME_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]*$/)
    .default(''),
  RUNTIME_HOST: z.string().default('127.0.0.1'),
  RUNTIME_ADMIN_PORT: z.coerce.number().int().min(0).max(65535).default(7300),
  RUNTIME_SERVICES_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(7301),
  RUNTIME_ADMIN_TOKEN: z.string().min(8).default('runtime-admin-dev-token'),
  RUNTIME_READ_TOKEN: z.string().min(8).default('runtime-read-dev-token'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  RUNTIME_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  RUNTIME_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1000),
  RUNTIME_RETRY_MAX_MS: z.coerce.number().int().min(1).default(30_000),
  RUNTIME_MAX_REPLAYS: z.coerce.number().int().min(1).default(3),
  RUNTIME_MAX_REPLAY_RATE: z.coerce.number().positive().default(100_000),
  RUNTIME_ORDERS_PER_SECOND: z.coerce.number().min(0).max(1000).default(0),
  RUNTIME_POISON_RATE: z.coerce.number().min(0).max(1).default(0),
  RUNTIME_REFUND_RATE: z.coerce.number().min(0).max(1).default(0),
  RUNTIME_FAULTS: json(z.record(z.string(), FaultSchema)).optional(),
});

/** Reads the runtime's settings from the environment; a bad value fails with its name. */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): RuntimeConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid runtime configuration: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const e = parsed.data;
  const kind = e.RUNTIME_BROKER ?? (e.RABBITMQ_URL ? 'rabbitmq' : 'embedded');
  const headers = e.OTEL_EXPORTER_OTLP_HEADERS
    ? Object.fromEntries(
        e.OTEL_EXPORTER_OTLP_HEADERS.split(',').map(p => {
          const i = p.indexOf('=');
          return [
            p.slice(0, i).trim(),
            decodeURIComponent(p.slice(i + 1).trim()),
          ];
        }),
      )
    : undefined;
  return {
    broker:
      kind === 'rabbitmq'
        ? { kind, url: e.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672' }
        : {
            kind,
            file: path.join(e.RUNTIME_DATA_DIR, 'broker.sqlite'),
            visibilityTimeoutMs: e.RUNTIME_EMBEDDED_VISIBILITY_TIMEOUT_MS,
          },
    databaseFile: path.join(e.RUNTIME_DATA_DIR, 'runtime.sqlite'),
    namespace: e.RUNTIME_NAMESPACE,
    host: e.RUNTIME_HOST,
    adminPort: e.RUNTIME_ADMIN_PORT,
    servicesPort: e.RUNTIME_SERVICES_PORT,
    tokens: { admin: e.RUNTIME_ADMIN_TOKEN, read: e.RUNTIME_READ_TOKEN },
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    otlpHeaders: headers,
    retry: {
      maxAttempts: e.RUNTIME_MAX_ATTEMPTS,
      baseDelayMs: e.RUNTIME_RETRY_BASE_MS,
      maxDelayMs: e.RUNTIME_RETRY_MAX_MS,
      jitter: 0.2,
    },
    maxReplays: e.RUNTIME_MAX_REPLAYS,
    maxReplayRatePerSecond: e.RUNTIME_MAX_REPLAY_RATE,
    traffic: {
      ordersPerSecond: e.RUNTIME_ORDERS_PER_SECOND,
      poisonRate: e.RUNTIME_POISON_RATE,
      refundRate: e.RUNTIME_REFUND_RATE,
    },
    faults: e.RUNTIME_FAULTS ?? {},
  };
}
