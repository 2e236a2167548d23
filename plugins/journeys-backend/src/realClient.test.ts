import { mockCredentials } from '@backstage/backend-test-utils';
import { InstanceDetail, SearchResult } from '@internal/plugin-journeys-common';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startJourneysBackend } from './__testUtils__/testBackend';

const fixture = path.resolve(__dirname, '../fixtures/otel-express-app/app.js');

/** Starts the fixture app (the official OpenTelemetry Node SDK) and waits for its port. */
function startFixture(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', d => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', d => (out += d));
    child.on('exit', code =>
      reject(new Error(`fixture exited with ${code}: ${out}`)),
    );
  });
}

jest.setTimeout(90_000);

describe('traces from a real OpenTelemetry client', () => {
  it.each(['http/protobuf', 'http/json'])(
    'accepts %s exports of an express app instrumented by the OTel Node SDK and shows them as an instance',
    async protocol => {
      const { backend, scheduler } = await startJourneysBackend();
      let child: ChildProcess | undefined;
      try {
        const address = backend.server.address();
        const base = `http://localhost:${
          typeof address === 'object' && address ? address.port : 0
        }/api/journeys`;
        const fixtureApp = await startFixture({
          FIXTURE_OTLP_PROTOCOL: protocol,
          OTEL_EXPORTER_OTLP_ENDPOINT: base,
          OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${encodeURIComponent(
            mockCredentials.service.header(),
          )}`,
          OTEL_BSP_SCHEDULE_DELAY: '200',
        });
        child = fixtureApp.child;
        const orderId = `fx-${protocol.replace('/', '-')}-${Date.now()}`;
        const answer = await (
          await fetch(`http://127.0.0.1:${fixtureApp.port}/orders/${orderId}`)
        ).json();
        expect(answer.traceId).toMatch(/^[0-9a-f]{32}$/);
        // SIGTERM makes the SDK flush its batch before the process exits.
        const exited = new Promise(r => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        child = undefined;

        const user = { authorization: mockCredentials.user.header() };
        let result: SearchResult | undefined;
        for (let i = 0; i < 40 && !result?.matches.length; i++) {
          await new Promise(r => setTimeout(r, 250));
          await scheduler.triggerTask('journeys-assemble');
          result = await (
            await fetch(`${base}/search?q=${orderId}`, { headers: user })
          ).json();
        }
        expect(result!.matches).toHaveLength(1);
        const instance = result!.matches[0].instance;
        expect(instance).toMatchObject({
          id: answer.traceId,
          journey: null,
          services: ['fixture-shop'],
          status: 'ok',
        });

        const detail: InstanceDetail = await (
          await fetch(`${base}/instances/${instance.id}`, { headers: user })
        ).json();
        const kinds = new Set(detail.spans.map(s => s.kind));
        expect(kinds).toEqual(expect.objectContaining(new Set([2, 3])));
        expect(
          detail.spans.some(s => s.kind === 2 && s.name.startsWith('GET')),
        ).toBe(true);
        expect(detail.spans.every(s => s.traceId === answer.traceId)).toBe(
          true,
        );
        expect(detail.criticalPath.length).toBeGreaterThan(1);
      } finally {
        child?.kill('SIGKILL');
        await backend.stop();
      }
    },
  );
});
