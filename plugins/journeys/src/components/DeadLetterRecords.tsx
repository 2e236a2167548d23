import { Link } from '@backstage/core-components';
import { useApiHolder, useRouteRef } from '@backstage/frontend-plugin-api';
import {
  MAX_TRACE_IDS,
  type TraceDeadLetter,
} from '@internal/plugin-dlq-common';
import type { InstanceDetail } from '@internal/plugin-journeys-common';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { deadLetterRouteRef } from '../routes';

/**
 * The trace ids to look up: those with a failed span first (a dead letter's consumer
 * failed there), then the others (its producer's trace), at most what one request takes.
 * None when nothing in the instance failed.
 */
export function deadLetterTraceIds(detail: InstanceDetail): string[] {
  const failed = detail.spans.filter(s => s.status === 2).map(s => s.traceId);
  if (failed.length === 0) return [];
  const all = new Set([...failed, ...detail.spans.map(s => s.traceId)]);
  return [...all].slice(0, MAX_TRACE_IDS);
}

/**
 * The dead letters that carry one of the instance's trace ids, found by dlq-backend in one
 * request with the user's own rights. Nothing shows without the dead letters plugin (no
 * API), and a dead letter is named without a link when its page is not in the app.
 */
export const DeadLetterRecords = ({ detail }: { detail: InstanceDetail }) => {
  const dlqApi = useApiHolder().get(dlqApiRef);
  const deadLetterLink = useRouteRef(deadLetterRouteRef);
  const state = useAsync(async (): Promise<TraceDeadLetter[]> => {
    const traceIds = deadLetterTraceIds(detail);
    if (!dlqApi || traceIds.length === 0) return [];
    return (await dlqApi.findDeadLettersByTrace(traceIds)).items;
  }, [dlqApi, detail]);

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
          {deadLetterLink ? (
            <Link
              to={deadLetterLink({ runtime: r.runtime, dlq: r.dlq, id: r.id })}
            >
              Dead letter in {r.dlq}
            </Link>
          ) : (
            <Typography variant="body2" component="span">
              Dead letter in {r.dlq}
            </Typography>
          )}{' '}
          <Typography variant="caption" color="textSecondary">
            {r.errorClass} · {r.status}
          </Typography>
        </div>
      ))}
    </div>
  );
};
