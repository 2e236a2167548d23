/**
 * Which broker a channel lives on, written one way: the same broker declared as
 * `RabbitMQ.example:5672` in one document and `amqps://rabbitmq.example` in another
 * is one identity, so their topics and queues meet in one catalog entity.
 */

/** Ports a protocol uses when a server names none. */
const DEFAULT_PORTS: Record<string, number> = {
  amqp: 5672,
  amqps: 5671,
  mqtt: 1883,
  mqtts: 8883,
  'secure-mqtt': 8883,
  kafka: 9092,
  'kafka-secure': 9093,
  ws: 80,
  wss: 443,
  http: 80,
  https: 443,
  nats: 4222,
  redis: 6379,
  stomp: 61613,
  stomps: 61614,
  ibmmq: 1414,
  pulsar: 6650,
  'pulsar+ssl': 6651,
  solace: 55555,
  mercure: 443,
};

/** A protocol and its TLS variant name the same broker. */
const FAMILIES: Record<string, string> = {
  amqps: 'amqp',
  mqtts: 'mqtt',
  'secure-mqtt': 'mqtt',
  'kafka-secure': 'kafka',
  wss: 'ws',
  https: 'http',
  stomps: 'stomp',
  'pulsar+ssl': 'pulsar',
};

/** What kind of broker a protocol family means, as spec.broker says it. */
const BROKER_KINDS: Record<string, string> = {
  amqp: 'rabbitmq',
  kafka: 'kafka',
  mqtt: 'mqtt',
  nats: 'nats',
  redis: 'redis',
  pulsar: 'pulsar',
  ibmmq: 'ibmmq',
  solace: 'solace',
  ws: 'websocket',
  http: 'http',
};

export function protocolFamily(protocol: string): string {
  const p = protocol.trim().toLowerCase();
  return FAMILIES[p] ?? p;
}

/** spec.broker of a topic on this protocol, e.g. rabbitmq for amqp and amqps. */
export function brokerKind(protocol: string): string {
  const family = protocolFamily(protocol);
  return BROKER_KINDS[family] ?? family;
}

/** A server as an AsyncAPI document declares it (2.x `url`, 3.x `host` + `pathname`). */
export interface DeclaredServer {
  protocol: string;
  /** 2.x url or 3.x host; may carry a scheme, a port, several comma-separated hosts. */
  host: string;
  pathname?: string;
  /** Server variables: their default (or first enum value) fills `{name}`. */
  variables?: Record<string, { default?: unknown; enum?: unknown[] }>;
}

export class BrokerIdentityError extends Error {}

function substitute(
  text: string,
  variables: DeclaredServer['variables'],
): string {
  return text.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables?.[name];
    const value = variable?.default ?? variable?.enum?.[0];
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : whole;
  });
}

/**
 * The canonical URL of a broker: the protocol's family (`amqps` → `amqp`), hosts in lower
 * case without their protocol's default port (sorted when there are several), and for
 * AMQP the virtual host as the path (`/` for the default one).
 */
export function canonicalBroker(
  server: DeclaredServer,
  options: { vhost?: string } = {},
): string {
  let host = substitute(server.host.trim(), server.variables);
  let pathname = substitute(server.pathname ?? '', server.variables);
  let protocol = server.protocol.trim().toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host);
  if (scheme) {
    protocol = protocol || scheme[1].toLowerCase();
    host = host.slice(scheme[0].length);
  }
  const slash = host.indexOf('/');
  if (slash >= 0) {
    pathname = pathname || host.slice(slash);
    host = host.slice(0, slash);
  }
  host = host.replace(/^[^@]*@/, ''); // credentials are no part of the identity
  if (!protocol) {
    throw new BrokerIdentityError('the server declares no protocol');
  }
  const hosts = host
    .split(',')
    .map(h => h.trim().toLowerCase())
    .filter(Boolean)
    .map(h => {
      const port = /^(.*):(\d+)$/.exec(h);
      return port && Number(port[2]) === DEFAULT_PORTS[protocol] ? port[1] : h;
    })
    .sort();
  if (hosts.length === 0 || hosts.some(h => /[\s{}]/.test(h))) {
    throw new BrokerIdentityError(
      `the server's host ${JSON.stringify(server.host)} is not a host name`,
    );
  }
  const family = protocolFamily(protocol);
  let path: string;
  if (family === 'amqp') {
    const vhost =
      options.vhost ??
      (pathname ? safeDecode(pathname.replace(/^\//, '')) : '');
    path = !vhost || vhost === '/' ? '/' : `/${encodeURIComponent(vhost)}`;
  } else {
    path = pathname.replace(/\/+$/, '');
    if (path && !path.startsWith('/')) path = `/${path}`;
  }
  return `${family}://${hosts.join(',')}${path}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The broker of `integrations.defaultBroker` (a URL such as `amqp://rabbitmq:5672/`),
 * used for channels whose document names no server.
 */
export function parseBrokerUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)([^?#]*)/i.exec(url.trim());
  if (!match) {
    throw new BrokerIdentityError(
      `expected a URL with a protocol and a host, such as amqp://rabbitmq:5672/`,
    );
  }
  return canonicalBroker({
    protocol: match[1],
    host: match[2],
    pathname: match[3],
  });
}

/** The protocol family a canonical broker URL starts with. */
export function protocolOfBroker(broker: string): string {
  return broker.slice(0, broker.indexOf('://'));
}
