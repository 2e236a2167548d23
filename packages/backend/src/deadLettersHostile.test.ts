/*
 * Hostile input against every route of dlq-backend, on the same real pieces as
 * deadLetters.test.ts (catalog, permission backend, policy, a real runtime): broken and
 * oversized bodies, deep nesting, wrong types and content types, NUL, unicode and dot
 * segments in ids, numbers out of range, arrays where strings belong. Every answer must
 * be a 2xx (the input was valid after all) or a 4xx with Backstage's JSON error shape,
 * never a 5xx, never SQL, stack traces or the runtime's token.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ADMIN_TOKEN } from '@internal/integration-runtime/testing';
import { gzipSync } from 'node:zlib';
import {
  Answer,
  DLQ,
  DlqTestBackend,
  INES,
} from '@internal/plugin-dlq-backend/testing';
import { startDeadLetterBackend } from './__testUtils__/deadLetterBackend';

jest.setTimeout(120_000);

// The machine's PostgreSQL (trust auth) unless the environment names another.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
  process.env.POSTGRES_USER ?? 'postgres'
}:${process.env.POSTGRES_PASSWORD ?? ''}@${
  process.env.POSTGRES_HOST ?? '127.0.0.1'
}:${process.env.POSTGRES_PORT ?? 5432}`;

type Slot = 'runtime' | 'dlq' | 'message' | 'replay';

interface Route {
  method: 'GET' | 'POST';
  /** With {runtime}, {dlq}, {message} or {replay} where a path parameter goes. */
  template: string;
  query?: string[];
  body?: Record<string, unknown>;
}

/** Every route of plugins/dlq-backend/src/router.ts. */
const ROUTES: Route[] = [
  { method: 'GET', template: '/runtimes' },
  { method: 'GET', template: '/dlqs', query: ['entityRef', 'inflowHours'] },
  {
    method: 'GET',
    template: '/runtimes/{runtime}/dlqs/{dlq}',
    query: ['inflowHours'],
  },
  {
    method: 'GET',
    template: '/runtimes/{runtime}/dlqs/{dlq}/groups',
    query: ['status'],
  },
  {
    method: 'GET',
    template: '/runtimes/{runtime}/dlqs/{dlq}/messages',
    query: [
      'status',
      'businessId',
      'errorClass',
      'classification',
      'fingerprint',
      'from',
      'to',
      'limit',
      'cursor',
    ],
  },
  { method: 'GET', template: '/runtimes/{runtime}/messages/{message}' },
  {
    method: 'POST',
    template: '/runtimes/{runtime}/messages/{message}/preview',
    body: { body: '{"orderId":"ord_hostile"}' },
  },
  {
    method: 'POST',
    template: '/runtimes/{runtime}/messages/{message}/replay',
    body: { body: '{"orderId":"ord_hostile"}', reason: 'hostile suite' },
  },
  {
    method: 'POST',
    template: '/runtimes/{runtime}/dlqs/{dlq}/messages/archive',
    body: { ids: ['{message}'], reason: 'hostile suite' },
  },
  {
    method: 'POST',
    template: '/runtimes/{runtime}/dlqs/{dlq}/messages/purge',
    body: { ids: ['{message}'], reason: 'hostile suite' },
  },
  {
    method: 'POST',
    template: '/replays/plan',
    body: {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids: ['{message}'] },
      ratePerSecond: 10,
      excludePermanent: true,
    },
  },
  {
    method: 'POST',
    template: '/replays/{replay}/submit',
    body: { reason: 'hostile suite', canarySize: 0 },
  },
  {
    method: 'POST',
    template: '/replays/{replay}/approve',
    body: { comment: 'hostile suite' },
  },
  {
    method: 'POST',
    template: '/replays/{replay}/reject',
    body: { comment: 'hostile suite' },
  },
  {
    method: 'POST',
    template: '/replays/{replay}/cancel',
    body: { reason: 'hostile suite' },
  },
  {
    method: 'GET',
    template: '/replays',
    query: ['runtime', 'dlq', 'status', 'limit'],
  },
  { method: 'GET', template: '/replays/{replay}' },
  {
    method: 'GET',
    template: '/replays/{replay}/items',
    query: ['outcome', 'after', 'limit'],
  },
  {
    method: 'GET',
    template: '/audit',
    query: ['runtime', 'dlq', 'replayId', 'before', 'limit', 'format'],
  },
];

/** Path parameters as they travel (already percent-encoded where they need to be). */
const HOSTILE_SEGMENTS = [
  '.',
  '..',
  '...',
  '%2e',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2f',
  '..%2f..%2fv1%2ffaults',
  'a%2Fb',
  '%5c..%5c',
  '%00',
  'a%00b',
  '%0d%0aX-Injected:%201',
  '%E2%80%AE',
  '%F0%9F%92%A9',
  '%C3%A9',
  '%C0%AE%C0%AE',
  '%ED%A0%80',
  '%ZZ',
  '%',
  '%20',
  'x'.repeat(300),
  '-1',
  'NaN',
  '1e309',
  'null',
  '__proto__',
  'constructor',
  '00000000-0000-4000-8000-000000000000',
];

const HOSTILE_QUERY_VALUES = [
  '',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '1.5',
  '0x10',
  '%20%205',
  '%00',
  'a%00b',
  '%E2%80%AE',
  '%ED%A0%80',
  '..',
  'failed,parked',
  'x'.repeat(5000),
  'null',
  'true',
];

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** JSON values to put where a field goes. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1e-300,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  'x',
  '..',
  'x'.repeat(20_000),
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e🙂',
  [],
  ['a', 'b'],
  [null],
  {},
  { $gt: '' },
  { a: { b: { c: { d: 1 } } } },
];

const UUID_A = '00000000-0000-4000-8000-00000000000a';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'hostile input against dlq-backend on %s',
  databaseId => {
    let h: DlqTestBackend;
    const valid: Record<Slot, string> = {
      runtime: 'integration-runtime',
      dlq: DLQ,
      message: UUID_A,
      replay: UUID_A,
    };

    beforeAll(async () => {
      h = await startDeadLetterBackend({
        database: { knex: await databases.init(databaseId) },
      });
      [valid.message] = await h.idsOf(await h.deadLetter(1));
      const plan = await h.call(INES, 'POST', '/replays/plan', {
        runtime: 'integration-runtime',
        dlq: DLQ,
        selection: { ids: [valid.message] },
      });
      valid.replay = plan.body.id;
    });

    afterAll(async () => {
      await h?.stop();
    });

    it('answers every route with a 2xx or a JSON 4xx, never a 5xx', async () => {
      const statuses = new Map<number, number>();
      const problems: string[] = [];
      let requests = 0;
      const auth = { authorization: mockCredentials.user.header(INES) };

      const fill = (template: string, slots: Partial<Record<Slot, string>>) =>
        template.replace(
          /\{(runtime|dlq|message|replay)\}/g,
          (_m, slot: Slot) => slots[slot] ?? encodeURIComponent(valid[slot]),
        );
      const validBody = (route: Route) =>
        JSON.parse(
          JSON.stringify(route.body ?? {}).replace(
            /\{message\}/g,
            valid.message,
          ),
        );

      /** Checks one answer; the variant says what was sent. */
      const check = (variant: string, method: string, res: Answer) => {
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text =
          typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        const where = `${variant} → ${res.status} ${text.slice(0, 160)}`;
        const ok = res.status >= 200 && res.status < 300;
        const isError = res.status >= 400 && res.status < 500;
        if (!ok && !isError) problems.push(where);
        const errorShape =
          typeof res.body?.error?.name === 'string' &&
          typeof res.body?.error?.message === 'string' &&
          res.body?.response?.statusCode === res.status;
        if (isError && method !== 'HEAD' && !errorShape) {
          problems.push(`not the JSON error shape: ${where}`);
        }
        // Error answers carry no SQL, stack traces or paths; no answer carries the token.
        // (A failed message's own stack, masked, is part of its detail: that is a 200.)
        if (
          (isError || !ok) &&
          /\b(select|insert into|delete from)\b|sqlite|knex|node_modules|\bat [\w.<>]+ \(|"stack"/i.test(
            text,
          )
        ) {
          problems.push(`leaks internals: ${where}`);
        }
        if (text.includes(ADMIN_TOKEN))
          problems.push(`leaks the token: ${where}`);
      };

      const send = async (
        variant: string,
        options: Parameters<DlqTestBackend['raw']>[0],
      ) => check(variant, options.method, await h.raw(options));

      for (const route of ROUTES) {
        const slots = (route.template.match(/\{(\w+)\}/g) ?? []).map(
          s => s.slice(1, -1) as Slot,
        );
        const jsonHeaders = { ...auth, 'content-type': 'application/json' };
        const post = (
          path: string,
          body: string | Buffer,
          headers: Record<string, string> = jsonHeaders,
        ) =>
          send(`${route.method} ${path} ${String(body).slice(0, 60)}`, {
            method: route.method,
            path,
            headers,
            body,
          });
        const request = (path: string) =>
          route.method === 'GET'
            ? send(`GET ${path}`, { method: 'GET', path, headers: auth })
            : post(path, JSON.stringify(validBody(route)));
        const validPath = fill(route.template, {});

        // Path parameters.
        for (const slot of slots) {
          for (const segment of HOSTILE_SEGMENTS) {
            await request(fill(route.template, { [slot]: segment }));
          }
        }

        // Query parameters: odd values, repeated, nested, unknown, long.
        for (const name of route.query ?? []) {
          for (const value of HOSTILE_QUERY_VALUES) {
            await request(`${validPath}?${name}=${value}`);
          }
          await request(`${validPath}?${name}=a&${name}=b`);
          await request(`${validPath}?${name}[]=a`);
          await request(`${validPath}?${name}[a][b]=c`);
          await request(`${validPath}?${name}[__proto__]=x`);
        }
        await request(
          `${validPath}?__proto__[x]=1&constructor[prototype][y]=1`,
        );
        await request(`${validPath}?${'q=1&'.repeat(1500)}`);

        // Methods the route does not have.
        for (const method of ['PUT', 'PATCH', 'DELETE']) {
          await send(`${method} ${validPath}`, {
            method,
            path: validPath,
            headers: jsonHeaders,
            body: '{}',
          });
        }

        // Who is asking.
        for (const authorization of [
          undefined,
          mockCredentials.user.invalidHeader(),
          'Bearer ',
          `Bearer ${'x'.repeat(4000)}`,
          'Basic Z3Vlc3Q6Z3Vlc3Q=',
        ]) {
          await send(
            `${route.method} ${validPath} auth=${authorization?.slice(0, 20)}`,
            {
              method: route.method,
              path: validPath,
              headers: {
                ...(authorization ? { authorization } : {}),
                'content-type': 'application/json',
              },
              body:
                route.method === 'POST'
                  ? JSON.stringify(validBody(route))
                  : undefined,
            },
          );
        }

        if (route.method !== 'POST') continue;

        // Bodies that are not a JSON object, too big, too deep, or not JSON at all.
        for (const body of [
          '',
          '{"runtime":',
          '{"a":1}{"b":2}',
          'null',
          '"text"',
          '123',
          '[]',
          'true',
          '{"ratePerSecond": NaN}',
          '{"canarySize": 1e309, "ratePerSecond": 1e309, "reason": "abc"}',
          '\ufeff{}',
          '{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}',
          deep(20_000),
          `{"a":${deep(50_000)}}`,
          JSON.stringify({ ...validBody(route), pad: 'x'.repeat(300_000) }),
          Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'),
        ]) {
          await post(validPath, body);
        }
        await post(validPath, Buffer.from([0xc3, 0x28, 0x7b, 0x7d]));

        // Content types and encodings.
        const good = JSON.stringify(validBody(route));
        for (const headers of [
          { ...auth },
          { ...auth, 'content-type': 'text/plain' },
          { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
          { ...auth, 'content-type': 'multipart/form-data; boundary=x' },
          { ...auth, 'content-type': 'application/json; charset=utf-16' },
          { ...auth, 'content-type': 'application/json; charset=latin1' },
          {
            ...auth,
            'content-type': 'application/json',
            'content-encoding': 'br',
          },
          {
            ...auth,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          {
            ...auth,
            'content-type': 'application/json',
            'content-encoding': 'zz',
          },
          { ...auth, 'content-type': 'application/json, text/plain' },
        ]) {
          await post(validPath, good, headers);
        }
        await post(validPath, gzipSync(Buffer.from(good)).subarray(0, 10), {
          ...jsonHeaders,
          'content-encoding': 'gzip',
        });

        // Every field (and each field of the replay selection) with a wrong value,
        // and missing.
        const base = validBody(route);
        const fields: Array<[string[], unknown]> = Object.keys(base).map(k => [
          [k],
          base[k],
        ]);
        if (base.selection) {
          for (const k of ['ids', 'fingerprint', 'filter']) {
            fields.push([['selection', k], undefined]);
          }
          for (const k of ['businessId', 'errorClass', 'from', 'to']) {
            fields.push([['selection', 'filter', k], undefined]);
          }
        }
        for (const [fieldPath] of fields) {
          for (const value of [...HOSTILE_VALUES, undefined]) {
            const body = JSON.parse(JSON.stringify(base));
            let at = body;
            for (const key of fieldPath.slice(0, -1)) {
              at[key] = at[key] && typeof at[key] === 'object' ? at[key] : {};
              at = at[key];
            }
            at[fieldPath[fieldPath.length - 1]] = value;
            await post(validPath, JSON.stringify(body));
          }
        }
        // Ids that are not message ids, and too many of them.
        if (Array.isArray(base.ids) || base.selection) {
          const withIds = (ids: unknown) =>
            JSON.stringify(
              base.selection
                ? { ...base, selection: { ids } }
                : { ...base, ids },
            );
          for (const ids of [
            ['..'],
            ['%2e%2e'],
            ['../../v1/faults'],
            [`${valid.message}\u0000`],
            [valid.message.toUpperCase()],
            Array(1001).fill(valid.message),
            [valid.message, 1],
            [[valid.message]],
          ]) {
            await post(validPath, withIds(ids));
          }
        }
      }

      // Valid requests still work afterwards.
      const after = await Promise.all([
        h.call(INES, 'GET', '/runtimes'),
        h.call(INES, 'GET', '/dlqs?inflowHours=0'),
        h.call(
          INES,
          'GET',
          `/runtimes/integration-runtime/dlqs/${DLQ}/messages`,
        ),
        h.call(INES, 'GET', '/audit?limit=5'),
        h.call(INES, 'GET', `/replays/${valid.replay}`),
      ]);
      // The suite may have archived its message with a body that was valid after all.
      const [fresh] = await h.idsOf(await h.deadLetter(1));
      const planned = await h.call(INES, 'POST', '/replays/plan', {
        runtime: 'integration-runtime',
        dlq: DLQ,
        selection: { ids: [fresh] },
      });

      process.stdout.write(
        `hostile-input dlq-backend (${databaseId}): ${requests} requests; ${[
          ...statuses,
        ]
          .sort(([x], [y]) => x - y)
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ')}\n`,
      );
      expect(problems).toEqual([]);
      expect(after.map(a => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(planned.status).toBe(201);
      expect(requests).toBeGreaterThan(1000);
    });
  },
);
