import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { packagePath } from '../packagePaths';
import { waitFor } from './AdminClient';

export const freePort = () =>
  new Promise<number>(resolve => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export interface RuntimeProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGKILL, and wait for the process to be gone. */
  kill(): Promise<void>;
}

/** Starts the runtime as its own process (src/index.ts) and waits for /health. */
export async function startRuntimeProcess(
  env: Record<string, string>,
): Promise<RuntimeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      packagePath('src', 'index.ts'),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', b => (output += b));
  child.stderr!.on('data', b => (output += b));
  await waitFor(
    () =>
      child.exitCode !== null
        ? Promise.reject(
            new Error(`runtime exited with ${child.exitCode}:\n${output}`),
          )
        : fetch(`http://127.0.0.1:${env.RUNTIME_ADMIN_PORT}/health`).then(
            r => r.ok,
            () => false,
          ),
    ok => ok,
    { what: 'the runtime to start', timeoutMs: 60_000, intervalMs: 200 },
  );
  return {
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise(r => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
