import { InputError } from '@backstage/errors';
import {
  PermanentInPlan,
  PlanReplayRequest,
} from '@internal/plugin-dlq-common';
import { RuntimeClient } from '../runtime/RuntimeClient';

const PAGE = 500;

/**
 * The selected messages whose failure the runtime classified as permanent (schema or
 * validation errors, 4xx): replayed unchanged they will likely fail again. Read from the
 * runtime's classification filter over the same selection, so a plan of 100 000 messages
 * does not fetch each one.
 */
export async function permanentAmong(
  runtime: RuntimeClient,
  request: PlanReplayRequest,
  ids: string[],
  maxMessages: number,
): Promise<{ ids: Set<string>; summary: Omit<PermanentInPlan, 'excluded'> }> {
  const selected = new Set(ids);
  const found = new Set<string>();
  const reasons = new Map<string, number>();
  const { fingerprint, filter } = request.selection;
  const pageAfter = (cursor?: string) =>
    runtime.call(api =>
      api.GET('/v1/dlqs/{dlq}/messages', {
        params: {
          path: { dlq: request.dlq },
          query: {
            ...(request.selection.ids ? {} : { ...filter, fingerprint }),
            status: 'failed',
            classification: 'permanent',
            limit: PAGE,
            cursor,
          },
        },
      }),
    );
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await pageAfter(cursor);
    for (const m of page.items) {
      if (!selected.has(m.id)) continue;
      found.add(m.id);
      const reason = m.classification?.reason ?? 'permanent';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    seen += page.items.length;
    if (seen > maxMessages) {
      throw new InputError(
        `more than ${maxMessages} permanent-looking messages on '${request.dlq}'; narrow the selection`,
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return {
    ids: found,
    summary: {
      count: found.size,
      selected: selected.size,
      reasons: [...reasons.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([reason, count]) => ({ reason, count })),
    },
  };
}
