import { Link } from '@backstage/core-components';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import type {
  InstanceDetail,
  InstanceSummary,
} from '@internal/plugin-journeys-common';
import { dlqApiRef } from '@internal/plugin-dlq';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/**
 * The business id to look up in the dead letters: an order id when the instance has one (the key
 * the dead-letter queues carry), else its first business key.
 */
export function deadLetterBusinessId(
  instance: InstanceSummary,
): string | undefined {
  const entries = Object.entries(instance.businessKeys ?? {}).filter(
    ([, v]) => v,
  );
  const order = entries.find(([k]) => /order/i.test(k));
  return (order ?? entries[0])?.[1];
}

export interface DeadLetterRecord {
  runtime: string;
  dlq: string;
  id: string;
  status: string;
  errorClass: string;
}

/** Queues whose consumer span failed in the instance (`process <queue>`, the runtime's naming). */
export function failedQueues(detail: InstanceDetail): Set<string> {
  return new Set(
    detail.spans
      .filter(
        s => s.kind === 5 && s.status === 2 && s.name.startsWith('process '),
      )
      .map(s => s.name.slice('process '.length)),
  );
}

/**
 * The runtime's dead-letter records that carry one of the instance's trace ids, read through
 * dlq-backend with the user's own rights (nothing shows when the dead letters plugin is absent).
 * The DLQs of the failed consumer steps are asked for the instance's order id, then matched by
 * trace id.
 */
export const DeadLetterRecords = ({ detail }: { detail: InstanceDetail }) => {
  const dlqApi = useApiHolder().get(dlqApiRef);
  const businessId = deadLetterBusinessId(detail.instance);
  const state = useAsync(async (): Promise<DeadLetterRecord[]> => {
    const queues = failedQueues(detail);
    if (!dlqApi || !businessId || queues.size === 0) return [];
    const traceIds = new Set(detail.spans.map(s => s.traceId));
    const { items } = await dlqApi.listDlqs();
    const pages = await Promise.all(
      items
        .filter(d => queues.has(d.name))
        .map(async d => ({
          d,
          page: await dlqApi.listMessages(d.runtime, d.name, {
            businessId,
            limit: 100,
          }),
        })),
    );
    return pages.flatMap(({ d, page }) =>
      page.items
        .filter(m => m.traceId && traceIds.has(m.traceId))
        .map(m => ({
          runtime: d.runtime,
          dlq: d.name,
          id: m.id,
          status: m.status,
          errorClass: m.errorClass,
        })),
    );
  }, [dlqApi, detail, businessId]);

  if (state.error) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="dead-letter-error"
      >
        Dead letters could not be read: {state.error.message}
      </Typography>
    );
  }
  if (!state.value?.length) return null;
  return (
    <div data-testid="dead-letter-records">
      {state.value.map(r => (
        <div key={`${r.runtime}/${r.id}`}>
          <Link
            to={`/dead-letters/${encodeURIComponent(
              r.runtime,
            )}/${encodeURIComponent(r.dlq)}/messages/${encodeURIComponent(
              r.id,
            )}`}
          >
            Dead letter in {r.dlq}
          </Link>{' '}
          <Typography variant="caption" color="textSecondary">
            {r.errorClass} · {r.status}
          </Typography>
        </div>
      ))}
    </div>
  );
};
