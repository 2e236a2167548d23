import net from 'node:net';
import { RabbitMqManagementClient } from './RabbitMqManagementClient';

const managementUrl =
  process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';

describe('RabbitMqManagementClient', () => {
  it('names the URL without credentials, the status and the body when the broker refuses', async () => {
    const url = new URL(managementUrl);
    url.username = 'guest';
    url.password = 'guest';
    const client = new RabbitMqManagementClient({
      baseUrl: url.toString(),
      username: 'guest',
      password: 'wrong-password',
    });

    expect(client.baseUrl).toBe(managementUrl);
    await expect(client.listQueues('/')).rejects.toThrow(
      `RabbitMQ management API GET ${managementUrl}/api/queues/%2F?columns=name,vhost,durable,messages,consumers,message_stats,arguments answered 401 Unauthorized`,
    );
  });

  it('names the URL and the cause when nothing answers', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>(resolve => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    const client = new RabbitMqManagementClient({
      baseUrl: `http://127.0.0.1:${port}`,
      username: 'guest',
      password: 'guest',
    });

    await expect(client.listExchanges('/')).rejects.toThrow(
      `RabbitMQ management API GET http://127.0.0.1:${port}/api/exchanges/%2F?columns=name,vhost,type,durable failed: fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
  });
});
