import { isError } from '@backstage/errors';
import { TraceDeadLetters } from '@internal/plugin-dlq-common';
import { AccessGuard, Actor } from '../access/AccessGuard';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { RuntimeClient } from '../runtime/RuntimeClient';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';
import { RuntimeProblem, runtimeProblem } from './runtimeProblem';

/**
 * The runtime admin API cannot filter dead letters by trace id: each queue's newest
 * `perQueue` dead letters (the runtime's largest page) are read and matched here, so
 * older ones of the trace are not found.
 */
export const TRACE_SEARCH_PER_QUEUE = 500;

const message = (e: unknown) => (isError(e) ? e.message : String(e));

/** The dead letters of some traces across every runtime and queue the user may read. */
export class TraceDeadLetterFinder {
  constructor(
    private readonly runtimes: RuntimeRegistry,
    private readonly entities: DlqEntityResolver,
    private readonly guard: AccessGuard,
    private readonly perQueue = TRACE_SEARCH_PER_QUEUE,
  ) {}

  async find(actor: Actor, traceIds: string[]): Promise<TraceDeadLetters> {
    const wanted = new Set(traceIds);
    const errors: RuntimeProblem[] = [];
    const found = await Promise.all(
      this.runtimes.all().map(async runtime => {
        try {
          return await this.inRuntime(actor, runtime, wanted, errors);
        } catch (e) {
          errors.push(runtimeProblem(runtime, e));
          return [];
        }
      }),
    );
    const items = found
      .flat()
      .sort((a, b) => b.lastFailureAt.localeCompare(a.lastFailureAt));
    return { items, errors, searchedPerQueue: this.perQueue };
  }

  private async inRuntime(
    actor: Actor,
    runtime: RuntimeClient,
    traceIds: ReadonlySet<string>,
    errors: RuntimeProblem[],
  ): Promise<TraceDeadLetters['items']> {
    const { items: queues } = await runtime.call(api => api.GET('/v1/dlqs'));
    const targets = await Promise.all(
      queues.map(async q => ({
        dlq: q.name,
        entities: await this.entities.resolve(runtime.name, q.name, q.consumer),
      })),
    );
    // Queues the user may not read are left out without a word.
    const readable = await this.guard.readable(actor, targets);
    const pages = await Promise.all(
      readable.map(async ({ dlq }) => {
        try {
          const page = await runtime.call(api =>
            api.GET('/v1/dlqs/{dlq}/messages', {
              params: { path: { dlq }, query: { limit: this.perQueue } },
            }),
          );
          return page.items;
        } catch (e) {
          errors.push({
            ...runtimeProblem(runtime, e),
            message: `${dlq}: ${message(e)}`,
          });
          return [];
        }
      }),
    );
    return pages
      .flat()
      .filter(
        (m): m is typeof m & { traceId: string } =>
          !!m.traceId && traceIds.has(m.traceId),
      )
      .map(m => ({
        traceId: m.traceId,
        runtime: runtime.name,
        dlq: m.dlq,
        id: m.id,
        messageId: m.messageId,
        status: m.status,
        ...(m.classification ? { classification: m.classification } : {}),
        errorClass: m.errorClass,
        errorMessage: m.errorMessage,
        firstFailureAt: m.firstFailureAt,
        lastFailureAt: m.lastFailureAt,
        businessKey: m.orderId ?? m.paymentId ?? null,
      }));
  }
}
