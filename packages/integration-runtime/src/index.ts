import { configFromEnv } from './config';
import { consoleLogger, Runtime } from './Runtime';

export { Runtime } from './Runtime';
export { configFromEnv } from './config';
export type { RuntimeConfig } from './config';

async function main() {
  const runtime = await Runtime.start(configFromEnv());
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    consoleLogger(`${signal}: stopping`);
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch(e => {
    consoleLogger('failed to start', { error: String(e?.message ?? e) });
    process.exit(1);
  });
}
