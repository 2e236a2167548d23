import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './AdminClient';
import { freePort } from './runtimeProcess';

const run = promisify(execFile);

export interface PrivateRabbit {
  url: string;
  /** `rabbitmqctl stop_app`: connections drop, the port stops answering. */
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  /** Halts the node and removes its files. */
  shutdown(): Promise<void>;
}

const answers = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A RabbitMQ node of its own for outage tests (its own name, ports and data directory),
 * so stopping its app never disturbs the machine's shared RabbitMQ or other test runs.
 */
export async function startPrivateRabbit(): Promise<PrivateRabbit> {
  const port = await freePort();
  const distPort = await freePort();
  const node = `sbfaults${randomBytes(3).toString('hex')}@localhost`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-rabbit-'));
  fs.mkdirSync(path.join(dir, 'mnesia'));
  fs.mkdirSync(path.join(dir, 'log'));
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  fs.writeFileSync(
    path.join(dir, 'rabbitmq.conf'),
    `listeners.tcp.local = 127.0.0.1:${port}\n`,
  );
  fs.writeFileSync(path.join(dir, 'env.conf'), 'ERL_EPMD_ADDRESS=127.0.0.1\n');
  // Started as root, rabbitmq-server runs as the rabbitmq user: it must own the directory.
  await run('chown', ['-R', 'rabbitmq:rabbitmq', dir]).catch(() => {});
  let output = '';
  const child: ChildProcess = spawn('rabbitmq-server', [], {
    cwd: dir,
    env: {
      ...process.env,
      RABBITMQ_NODENAME: node,
      RABBITMQ_DIST_PORT: String(distPort),
      RABBITMQ_CONF_ENV_FILE: path.join(dir, 'env.conf'),
      RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_FEATURE_FLAGS_FILE: path.join(dir, 'feature_flags'),
      RABBITMQ_PID_FILE: path.join(dir, 'pid'),
      ERL_FLAGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', b => (output += b));
  child.stderr!.on('data', b => (output += b));
  const ctl = (...args: string[]) =>
    run('rabbitmqctl', ['-n', node, ...args], { timeout: 60_000 });
  const shutdown = async () => {
    await ctl('stop').catch(() => {});
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise(r => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () =>
        child.exitCode !== null
          ? Promise.reject(
              new Error(`rabbitmq-server exited:\n${output.slice(-2000)}`),
            )
          : answers(port),
      ok => ok,
      { what: 'a private RabbitMQ node', timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (e) {
    await shutdown();
    throw e;
  }
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    stopApp: async () => {
      await ctl('stop_app');
    },
    startApp: async () => {
      await ctl('start_app');
    },
    shutdown,
  };
}
