import { SpanExporter } from '@opentelemetry/sdk-trace-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { answerMalformedRequests, createAdminApp } from './admin/AdminServer';
import { EmbeddedBroker } from './broker/EmbeddedBroker';
import { RabbitBroker } from './broker/RabbitBroker';
import { Broker, Consumer } from './broker/types';
import { RuntimeConfig } from './config';
import { ExternalSystemsStore } from './external/ExternalSystemsStore';
import { FailureStore } from './failures/FailureStore';
import { startConsumers } from './flows/Consumers';
import { Faults } from './flows/Faults';
import { FlowDeps } from './flows/FlowDeps';
import { Messaging } from './flows/Messaging';
import { createServicesApp } from './flows/ServicesApp';
import { Names, SERVICES } from './flows/topology';
import { TracedHttp } from './flows/TracedHttp';
import { ReplayService } from './replay/ReplayService';
import { Ledger } from './store/Ledger';
import { Outbox, OutboxRelay } from './store/Outbox';
import { Db, openRuntimeDatabase } from './store/RuntimeDatabase';
import { Telemetry } from './telemetry/Telemetry';
import { TrafficGenerator } from './traffic/TrafficGenerator';

export type Logger = (msg: string, meta?: object) => void;

export const consoleLogger: Logger = (msg, meta) =>
  // eslint-disable-next-line no-console
  console.log(
    `${new Date().toISOString()} integration-runtime ${msg}${
      meta ? ` ${JSON.stringify(meta)}` : ''
    }`,
  );

function listen(app: http.RequestListener, host: string, port: number) {
  return new Promise<http.Server>((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const urlOf = (server: http.Server, host: string) =>
  `http://${host}:${(server.address() as AddressInfo).port}`;

/** The reference integration runtime: flows, dead-letter store, replay, admin API. */
export class Runtime {
  private constructor(
    readonly config: RuntimeConfig,
    readonly broker: Broker,
    readonly db: Db,
    readonly replays: ReplayService,
    readonly failures: FailureStore,
    readonly faults: Faults,
    readonly traffic: TrafficGenerator,
    readonly telemetry: Telemetry,
    readonly names: Names,
    readonly outbox: Outbox,
    readonly external: ExternalSystemsStore,
    private readonly relay: OutboxRelay,
    private readonly servers: http.Server[],
    private readonly consumers: Consumer[],
    readonly adminUrl: string,
    readonly servicesUrl: string,
  ) {}

  static async start(
    config: RuntimeConfig,
    options: {
      logger?: Logger;
      exporterFactory?: (service: string) => SpanExporter;
      /** Fault injection (crash tests): runs right after an external call succeeded. */
      afterExternalCall?: (step: string) => void;
    } = {},
  ): Promise<Runtime> {
    const logger = options.logger ?? consoleLogger;
    const db = openRuntimeDatabase(config.databaseFile);
    const broker: Broker =
      config.broker.kind === 'rabbitmq'
        ? await RabbitBroker.connect({ url: config.broker.url, logger })
        : await EmbeddedBroker.open({
            file: config.broker.file,
            visibilityTimeoutMs: config.broker.visibilityTimeoutMs,
            onError: e => logger('embedded broker error', { error: String(e) }),
          });
    const names = new Names(config.namespace);
    const topology = names.topology(config.retry);
    await broker.setup(topology);

    const telemetry = new Telemetry({
      otlpEndpoint: config.otlpEndpoint,
      otlpHeaders: config.otlpHeaders,
      exporterFactory: options.exporterFactory,
    });
    const faults = new Faults(SERVICES, config.faults);
    const ledger = new Ledger(db);
    const failures = new FailureStore(db, {
      maxReplays: config.maxReplays,
      maxAttempts: config.retry.maxAttempts,
    });
    const outbox = new Outbox(db);
    const relay = new OutboxRelay(outbox, broker, { logger });
    // The simulated external systems keep their own file, as real ones keep their own state.
    const external = new ExternalSystemsStore(
      config.databaseFile === ':memory:'
        ? ':memory:'
        : path.join(path.dirname(config.databaseFile), 'external.sqlite'),
    );
    let servicesUrl = '';
    const deps: FlowDeps = {
      db,
      ledger,
      faults,
      external,
      brokerState: () => broker.state,
      afterExternalCall: options.afterExternalCall,
      messaging: new Messaging(broker, telemetry, faults, outbox, () =>
        relay.kick(),
      ),
      http: new TracedHttp(telemetry),
      telemetry,
      names,
      servicesUrl: () => servicesUrl,
    };
    const services = await listen(
      createServicesApp(deps),
      config.host,
      config.servicesPort,
    );
    servicesUrl = urlOf(services, config.host);

    const consumers = await startConsumers(deps);
    // The dead letters leave the broker for the failure store, where they can be paged.
    for (const q of topology.queues) {
      consumers.push(
        await broker.consumeDeadLetters(q.name, async d => {
          failures.insertDeadLetter(q.name, d);
        }),
      );
    }

    const replays = new ReplayService(db, failures, broker, {
      knownDlqs: () => topology.queues.map(x => x.name),
      maxRatePerSecond: config.maxReplayRatePerSecond,
      logger,
    });
    const traffic = new TrafficGenerator(
      () => servicesUrl,
      config.traffic,
      Math.random,
      logger,
    );
    const admin = await listen(
      createAdminApp({
        db,
        broker,
        topology,
        failures,
        replays,
        ledger,
        external,
        faults,
        traffic,
        tokens: config.tokens,
        logger,
      }),
      config.host,
      config.adminPort,
    );
    answerMalformedRequests(admin);
    const resumed = replays.resume();
    if (resumed) logger('resumed replay jobs', { count: resumed });
    // Whatever a previous process committed but did not publish goes out now.
    relay.start();
    traffic.start();
    const runtime = new Runtime(
      config,
      broker,
      db,
      replays,
      failures,
      faults,
      traffic,
      telemetry,
      names,
      outbox,
      external,
      relay,
      [services, admin],
      consumers,
      urlOf(admin, config.host),
      servicesUrl,
    );
    logger('started', {
      broker: broker.kind,
      admin: runtime.adminUrl,
      services: runtime.servicesUrl,
      otlp: config.otlpEndpoint ?? null,
    });
    return runtime;
  }

  /** Stops everything; `removeTopology` also deletes its queues and exchanges (tests). */
  async stop(options: { removeTopology?: boolean } = {}) {
    this.traffic.stop();
    await this.replays.stop();
    await this.relay.stop();
    await Promise.all(this.consumers.map(c => c.cancel().catch(() => {})));
    await Promise.all(
      this.servers.map(
        s =>
          new Promise<void>(resolve => {
            s.closeAllConnections?.();
            s.close(() => resolve());
          }),
      ),
    );
    if (options.removeTopology) {
      await this.broker
        .teardown(this.names.topology(this.config.retry))
        .catch(() => {});
    }
    await this.broker.close();
    await this.telemetry.shutdown().catch(() => {});
    this.external.close();
    this.db.close();
  }
}
