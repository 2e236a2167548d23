import { brokerKind, canonicalBroker, parseBrokerUrl } from './BrokerIdentity';

describe('canonicalBroker', () => {
  it.each([
    // [protocol, host, pathname, expected]
    ['amqp', 'rabbitmq.example.org', undefined, 'amqp://rabbitmq.example.org/'],
    [
      'amqp',
      'RabbitMQ.Example.org:5672',
      undefined,
      'amqp://rabbitmq.example.org/',
    ],
    [
      'amqps',
      'rabbitmq.example.org:5671',
      undefined,
      'amqp://rabbitmq.example.org/',
    ],
    // a TLS port on the plain protocol is a different listener: kept
    [
      'amqp',
      'rabbitmq.example.org:5671',
      undefined,
      'amqp://rabbitmq.example.org:5671/',
    ],
    [
      'amqp',
      'rabbitmq.example.org',
      '/orders',
      'amqp://rabbitmq.example.org/orders',
    ],
    [
      'amqp',
      'amqp://user:secret@rabbitmq.example.org:5672/%2F',
      undefined,
      'amqp://rabbitmq.example.org/',
    ],
    [
      'kafka-secure',
      'broker2:9093,Broker1:9093',
      undefined,
      'kafka://broker1,broker2',
    ],
    ['wss', 'api.gemini.com', undefined, 'ws://api.gemini.com'],
    ['mqtt', 'test.mosquitto.org:1883', '', 'mqtt://test.mosquitto.org'],
  ])('%s %s %s → %s', (protocol, host, pathname, expected) => {
    expect(canonicalBroker({ protocol, host, pathname })).toBe(expected);
  });

  it('fills server variables from their defaults', () => {
    expect(
      canonicalBroker({
        protocol: 'mqtt',
        host: 'test.mosquitto.org:{port}',
        variables: { port: { default: '8883', enum: ['1883', '8883'] } },
      }),
    ).toBe('mqtt://test.mosquitto.org:8883');
  });

  it('takes the AMQP vhost of a channel binding over the server path', () => {
    expect(
      canonicalBroker(
        { protocol: 'amqp', host: 'rabbitmq:5672', pathname: '/a' },
        { vhost: 'billing' },
      ),
    ).toBe('amqp://rabbitmq/billing');
  });

  it('refuses a host with an unfilled variable', () => {
    expect(() =>
      canonicalBroker({ protocol: 'kafka', host: '{cluster}.example:9092' }),
    ).toThrow(/is not a host name/);
  });
});

describe('parseBrokerUrl', () => {
  it('reads integrations.defaultBroker', () => {
    expect(parseBrokerUrl('amqp://rabbitmq.internal.acme.example:5672/')).toBe(
      'amqp://rabbitmq.internal.acme.example/',
    );
  });
  it('says what it expects', () => {
    expect(() => parseBrokerUrl('rabbitmq')).toThrow(
      /expected a URL with a protocol and a host/,
    );
  });
});

describe('brokerKind', () => {
  it('names the broker of a protocol', () => {
    expect(brokerKind('amqps')).toBe('rabbitmq');
    expect(brokerKind('kafka-secure')).toBe('kafka');
    expect(brokerKind('secure-mqtt')).toBe('mqtt');
  });
});
