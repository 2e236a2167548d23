import { configFromEnv } from './config';
import { consoleLogger, Runtime } from './Runtime';

export { Runtime } from './Runtime';
export { configFromEnv } from './config';
export type { RuntimeConfig } from './config';

async function main() {
  const runtime = await Runtime.start(configFromEnv());
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      consoleLogger(`${signal}: stopping`);
      runtime.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

if (require.main === module) {
  main().catch(e => {
    consoleLogger('failed to start', { error: String(e?.message ?? e) });
    process.exit(1);
  });
}
