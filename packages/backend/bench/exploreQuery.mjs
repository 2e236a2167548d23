// The Integrations explore page's filtered query at 10,000 topics and APIs, beside the
// same filter through Backstage's plain catalog entities endpoint, measured in one run
// against a real backend (SQLite) that this script starts and stops.
//
//   source .toolchain/env.sh && node packages/backend/bench/exploreQuery.mjs [topics] [apis]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const TOPICS = Number(process.argv[2] ?? 5000);
const APIS = Number(process.argv[3] ?? 5000);
const TEAMS = 50;
const PORT = 7208;
const TOKEN = 'explore-bench-token-1';
const base = `http://localhost:${PORT}/api/catalog`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-explore-'));

function generate() {
  const docs = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: {
        type: 'team',
        profile: { email: `team-${t}@acme.example` },
        children: [],
      },
    });
  }
  for (let i = 0; i < TOPICS; i++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `domain-${i % 97}.event-${i}`,
        title: `Event ${i} of domain ${i % 97}`,
      },
      spec: {
        type: 'topic',
        owner: `team-${i % TEAMS}`,
        system: `system-${i % 20}`,
        lifecycle: i % 10 === 0 ? 'deprecated' : 'production',
        broker: 'rabbitmq',
        address: { exchange: `domain-${i % 97}`, routingKey: `event-${i}` },
      },
    });
  }
  for (let i = 0; i < APIS; i++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: `api-${i}`, title: `API ${i}` },
      spec: {
        type: 'openapi',
        owner: `team-${i % TEAMS}`,
        system: `system-${i % 20}`,
        lifecycle: 'production',
        definition: `openapi: 3.1.0\ninfo: {title: API ${i}, version: 1.0.0}\npaths: {}\n`,
      },
    });
  }
  fs.writeFileSync(
    path.join(dir, 'bench.yaml'),
    docs.map(d => JSON.stringify(d)).join('\n---\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'bench-config.yaml'),
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${PORT}`,
        listen: { port: PORT },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
          ],
        },
      },
      catalog: {
        rules: [
          {
            allow: [
              'Component',
              'System',
              'Domain',
              'API',
              'Resource',
              'Location',
              'Group',
              'User',
            ],
          },
        ],
        locations: [{ type: 'file', target: path.join(dir, 'bench.yaml') }],
      },
    }),
  );
}

const get = async url => {
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return res.json();
};

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function time(url, runs = 25) {
  const ms = [];
  let body;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    body = await get(url);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), body };
}

async function main() {
  generate();
  const backend = spawn(
    process.execPath,
    [
      path.join(root, '.yarn/releases/yarn-4.13.0.cjs'),
      'backstage-cli',
      'package',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      path.join(dir, 'bench-config.yaml'),
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, SWITCHBOARD_DATA_DIR: path.join(dir, 'sqlite') },
    },
  );
  const stop = () => {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  try {
    const t0 = Date.now();
    for (;;) {
      try {
        const [topics, apis] = await Promise.all([
          get(
            `${base}/entities/by-query?filter=kind=resource,spec.type=topic&limit=1&fields=metadata.name`,
          ),
          get(
            `${base}/entities/by-query?filter=kind=api&limit=1&fields=metadata.name`,
          ),
        ]);
        if (topics.totalItems >= TOPICS && apis.totalItems >= APIS) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 900_000)
        throw new Error('catalog did not ingest in 15 minutes');
      await new Promise(r => setTimeout(r, 3000));
    }
    console.log(
      `ingested ${TOPICS} topics + ${APIS} APIs (+${TEAMS} teams) in ${(
        (Date.now() - t0) /
        1000
      ).toFixed(0)} s`,
    );

    // The explore page's request (plugins/integrations/src/components/artifactFilter.ts):
    // owner + lifecycle selected, both alternatives (APIs, messaging resources), one page.
    const owner = 'group:default/team-7';
    const filters = [
      `filter=kind=API,relations.ownedBy=${owner},spec.lifecycle=production`,
      `filter=kind=Resource,spec.type=topic,spec.type=queue,spec.type=dead-letter-queue,relations.ownedBy=${owner},spec.lifecycle=production`,
    ].join('&');
    const fields = [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.description',
      'metadata.annotations',
      'metadata.links',
      'spec.type',
      'spec.system',
      'spec.lifecycle',
      'spec.broker',
      'spec.deprecation',
      'relations',
    ].join(',');
    const explore = await time(
      `${base}/entities/by-query?${filters}&fields=${fields}&limit=20&orderField=metadata.name,asc`,
    );
    const search = await time(
      `${base}/entities/by-query?${filters}&fields=${fields}&limit=20&orderField=metadata.name,asc&fullTextFilterTerm=event-1&fullTextFilterFields=metadata.name,metadata.title`,
    );
    const plain = await time(`${base}/entities?${filters}`);
    const fmt = r => `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`;
    console.log(
      `explore query (page of 20, ${
        explore.body.totalItems
      } matches):     ${fmt(explore)}`,
    );
    console.log(
      `explore query + text search ("event-1", ${
        search.body.totalItems
      } matches): ${fmt(search)}`,
    );
    console.log(
      `plain /entities, same filter (${
        plain.body.length
      } entities):       ${fmt(plain)}`,
    );
    console.log(
      `ratio explore p95 / plain p95: ${(explore.p95 / plain.p95).toFixed(
        2,
      )}   (target: explore p95 < 1000 ms)`,
    );
    // The page as it opens: no selection, every API and messaging resource, first page.
    const all =
      'filter=kind=API&filter=kind=Resource,spec.type=topic,spec.type=queue,spec.type=dead-letter-queue';
    const opening = await time(
      `${base}/entities/by-query?${all}&fields=${fields}&limit=20&orderField=metadata.name,asc`,
      10,
    );
    const plainAll = await time(`${base}/entities?${all}`, 5);
    console.log(
      `explore opening page (20 of ${
        opening.body.totalItems
      }):             ${fmt(opening)}`,
    );
    console.log(
      `plain /entities, no selection (${
        plainAll.body.length
      } entities):     ${fmt(plainAll)}`,
    );
    console.log(
      `ratio explore p95 / plain p95: ${(opening.p95 / plainAll.p95).toFixed(
        3,
      )}`,
    );
  } finally {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
