import { configFromEnv } from './config';
import { consoleLogger, Runtime } from './Runtime';

export { Runtime } from './Runtime';
export { configFromEnv } from './config';
export type { RuntimeConfig } from './config';

/**
 * Fault injection for the crash suite: `<step>:<n>` kills the process with SIGKILL right
 * after the n-th successful external call of that step (before its ledger write).
 */
function crashAfterCall(spec: string | undefined) {
  const match = spec ? /^([a-z-]+):(\d+)$/.exec(spec) : null;
  if (!match) return undefined;
  const [, step, n] = match;
  let calls = 0;
  return (done: string) => {
    if (done === step && ++calls === Number(n)) {
      consoleLogger(`crash injected after ${step} #${n}`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

async function main() {
  const runtime = await Runtime.start(configFromEnv(), {
    afterExternalCall: crashAfterCall(
      process.env.RUNTIME_TEST_CRASH_AFTER_CALL,
    ),
  });
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
