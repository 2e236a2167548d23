import { JourneyDefinition } from '../catalog/JourneyCatalog';
import { SpanFacts, VerdictSpan } from '../types';
import { assessInstance, MemberTrace } from './instanceStatus';
import { traceVerdict } from './traceVerdict';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

const shop: JourneyDefinition = {
  ref: 'journey:default/purchase',
  title: 'Purchase',
  owner: 'group:default/shop',
  components: [],
  entry: { service: 'web', route: 'POST /purchase' },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 60_000,
  latencyThresholdsMs: [],
  objectives: [],
};

let ids = 0;
const spanId = () => (++ids).toString(16).padStart(16, '0');
const traceId = () => (++ids).toString(16).padStart(32, '0');

interface SpanSpec {
  service: string;
  name: string;
  kind: number;
  at: number;
  ms: number;
  error?: boolean;
  facts?: SpanFacts;
  link?: string;
  children?: SpanSpec[];
}

/** A trace from a span tree (times in ms). */
function build(specs: SpanSpec[], parent = ''): VerdictSpan[] {
  return specs.flatMap(s => {
    const id = spanId();
    const span: VerdictSpan = {
      spanId: id,
      parentSpanId: parent,
      service: s.service,
      name: s.name,
      kind: s.kind,
      startUs: s.at * 1000,
      durationUs: s.ms * 1000,
      status: s.error ? 2 : 0,
      links: s.link ?? null,
      facts: s.facts ?? null,
    };
    return [span, ...build(s.children ?? [], id)];
  });
}

function member(id: string, spans: VerdictSpan[]): MemberTrace {
  return {
    traceId: id,
    startUs: Math.min(...spans.map(s => s.startUs)),
    endUs: Math.max(...spans.map(s => s.startUs + s.durationUs)),
    spanCount: spans.length,
    errorCount: spans.filter(s => s.status === 2).length,
    completes: [],
    verdict: traceVerdict(id, spans),
  };
}

const ledger = (at: number, status: number): SpanSpec => ({
  service: 'ledger',
  name: 'POST /entries',
  kind: CLIENT,
  at,
  ms: 20,
  error: status >= 500,
  facts: { httpStatus: status },
  children: [
    {
      service: 'ledger',
      name: 'POST /entries',
      kind: SERVER,
      at: at + 2,
      ms: 15,
      error: status >= 500,
      facts: {
        httpStatus: status,
        ...(status >= 500 && { message: 'ledger unavailable' }),
      },
    },
  ],
});

/** A consume attempt of the worker; the ledger answers `status`. */
const consume = (
  at: number,
  status: number,
  facts: SpanFacts = {},
): SpanSpec => ({
  service: 'worker',
  name: 'orders process',
  kind: CONSUMER,
  at,
  ms: 40,
  error: status >= 500,
  facts: {
    messageId: 'm-1',
    ...facts,
    ...(status >= 500 && {
      message: 'nack called on message without requeue',
    }),
  },
  children: [ledger(at + 5, status)],
});

/** amqplib's default mode: the consumer is a child of the publish span, one trace. */
const entryTrace = (status: number, consumers: SpanSpec[]): SpanSpec[] => [
  {
    service: 'web',
    name: 'POST /purchase',
    kind: SERVER,
    at: 0,
    ms: 10,
    facts: { httpStatus: status },
    children: [
      {
        service: 'web',
        name: 'orders publish',
        kind: PRODUCER,
        at: 2,
        ms: 1,
        facts: { messageId: 'm-1' },
        children: consumers,
      },
    ],
  },
];

const now = 10_000_000 * 1000;

describe('the verdict rule', () => {
  it('fails an instance for an error below the trace root and names the root cause, not the last error', () => {
    const id = traceId();
    const facts = assessInstance(
      shop,
      id,
      [member(id, build(entryTrace(202, [consume(20, 500)])))],
      now,
    );
    expect(facts.status).toBe('failed');
    expect(facts.failingStep).toMatchObject({
      service: 'ledger',
      name: 'POST /entries',
      httpStatus: 500,
      message: 'ledger unavailable',
    });
  });

  it('gives the same verdict whatever order the spans come in', () => {
    const id = traceId();
    const spans = build(entryTrace(202, [consume(20, 500)]));
    const expected = assessInstance(shop, id, [member(id, spans)], now);
    for (let i = 0; i < 20; i++) {
      const shuffled = [...spans].sort(() => Math.random() - 0.5);
      expect(assessInstance(shop, id, [member(id, shuffled)], now)).toEqual(
        expected,
      );
    }
  });

  it('blames the chain that failed first when two fail', () => {
    const id = traceId();
    const spans = build([
      {
        service: 'web',
        name: 'POST /purchase',
        kind: SERVER,
        at: 0,
        ms: 100,
        error: true,
        facts: { httpStatus: 500 },
        children: [
          {
            service: 'web',
            name: 'SELECT stock',
            kind: CLIENT,
            at: 10,
            ms: 50,
            error: true,
          },
          {
            service: 'web',
            name: 'INSERT order',
            kind: CLIENT,
            at: 5,
            ms: 10,
            error: true,
          },
        ],
      },
    ]);
    expect(
      assessInstance(shop, id, [member(id, spans)], now).failingStep?.name,
    ).toBe('INSERT order');
  });

  it('is ok with the attempts shown when a redelivery in the same trace recovers', () => {
    const id = traceId();
    const facts = assessInstance(
      shop,
      id,
      [
        member(
          id,
          build(entryTrace(202, [consume(20, 500), consume(200, 201)])),
        ),
      ],
      now,
    );
    expect(facts.status).toBe('ok');
    expect(facts.failingStep).toBeNull();
    expect(facts.recoveredSteps).toEqual([
      {
        service: 'worker',
        name: 'orders process',
        attempts: 2,
        byReplay: false,
      },
    ]);
  });

  it('is ok when a redelivery recovers in links mode (each attempt its own trace)', () => {
    const id = traceId();
    const entry = build(entryTrace(202, []));
    const publish = entry.find(s => s.kind === PRODUCER)!;
    const link = `${id}:${publish.spanId}`;
    const first = traceId();
    const second = traceId();
    const facts = assessInstance(
      shop,
      id,
      [
        member(id, entry),
        member(first, build([{ ...consume(20, 500), link }])),
        member(second, build([{ ...consume(300, 201), link }])),
      ],
      now,
    );
    expect(facts.status).toBe('ok');
    expect(facts.recoveredSteps).toEqual([
      {
        service: 'worker',
        name: 'orders process',
        attempts: 2,
        byReplay: false,
      },
    ]);
    // The failing attempt alone fails the instance.
    expect(
      assessInstance(
        shop,
        id,
        [
          member(id, entry),
          member(first, build([{ ...consume(20, 500), link }])),
        ],
        now,
      ).status,
    ).toBe('failed');
  });

  it('counts an in-process retry of a call that succeeds as recovered', () => {
    const id = traceId();
    const spans = build(
      entryTrace(202, [
        {
          ...consume(20, 201),
          children: [ledger(25, 503), ledger(80, 201)],
        },
      ]),
    );
    const facts = assessInstance(shop, id, [member(id, spans)], now);
    expect(facts.status).toBe('ok');
    expect(facts.recoveredSteps).toEqual([
      {
        service: 'ledger',
        name: 'POST /entries',
        attempts: 2,
        byReplay: false,
      },
    ]);
  });

  it('rejects an entry that answered 4xx, whatever else happened', () => {
    const id = traceId();
    const facts = assessInstance(
      shop,
      id,
      [member(id, build(entryTrace(422, [])))],
      now,
    );
    expect(facts.status).toBe('rejected');
  });

  it('is recovered-by-replay when a replay finishes it, and the replay stays out of the duration', () => {
    const id = traceId();
    const entry = build(entryTrace(202, []));
    const publish = entry.find(s => s.kind === PRODUCER)!;
    const link = `${id}:${publish.spanId}`;
    const failed = traceId();
    const replay = traceId();
    const thirtyMinutes = 30 * 60_000;
    const facts = assessInstance(
      shop,
      id,
      [
        member(id, entry),
        member(failed, build([{ ...consume(20, 500), link }])),
        member(
          replay,
          build([
            { ...consume(thirtyMinutes, 201, { replayId: 'job-1' }), link },
          ]),
        ),
      ],
      now,
    );
    expect(facts.status).toBe('recovered-by-replay');
    expect(facts.recoveredSteps).toEqual([
      {
        service: 'worker',
        name: 'orders process',
        attempts: 2,
        byReplay: true,
      },
    ]);
    expect(facts.durationUs).toBe(60_000); // entry at 0 to the failed attempt's end at 60 ms
    expect((facts.firstFailureUs! - facts.startUs) / 1000).toBe(42); // the ledger's 500
    expect((facts.recoveredUs! - facts.firstFailureUs!) / 1000).toBe(
      thirtyMinutes + 40 - 42,
    );
  });

  it('sees a replay in the same trace (the original trace context kept) too', () => {
    const id = traceId();
    const spans = build(
      entryTrace(202, [
        consume(20, 500),
        consume(1_800_000, 201, { replayId: 'job-2' }),
      ]),
    );
    const facts = assessInstance(shop, id, [member(id, spans)], now);
    expect(facts.status).toBe('recovered-by-replay');
    expect(facts.durationUs / 1000).toBe(60);
  });

  it('fails again when the replay fails again', () => {
    const id = traceId();
    const spans = build(
      entryTrace(202, [
        consume(20, 500),
        consume(1_800_000, 500, { replayId: 'job-3' }),
      ]),
    );
    expect(assessInstance(shop, id, [member(id, spans)], now).status).toBe(
      'failed',
    );
  });

  it('waits for the completion step of journeys that declare one, then goes stuck', () => {
    const id = traceId();
    const withCompletion = {
      ...shop,
      completion: { service: 'mailer', span: 'send confirmation' },
    };
    const spans = build(entryTrace(202, [consume(20, 201)]));
    const m = member(id, spans);
    expect(assessInstance(withCompletion, id, [m], 1_000_000).status).toBe(
      'in-flight',
    );
    const stuck = assessInstance(withCompletion, id, [m], now);
    expect(stuck.status).toBe('stuck');
    expect(stuck.failingStep).toMatchObject({ service: 'web' });
    expect(
      assessInstance(
        withCompletion,
        id,
        [{ ...m, completes: [withCompletion.ref] }],
        now,
      ).status,
    ).toBe('ok');
  });

  it('treats a server span answering 5xx as an error even when its status is unset', () => {
    const id = traceId();
    const spans = build([
      {
        service: 'api',
        name: 'GET /x',
        kind: SERVER,
        at: 0,
        ms: 5,
        facts: { httpStatus: 503 },
      },
    ]);
    expect(
      assessInstance(undefined, id, [member(id, spans)], now),
    ).toMatchObject({
      status: 'failed',
      failingStep: { service: 'api', httpStatus: 503 },
    });
  });
});
