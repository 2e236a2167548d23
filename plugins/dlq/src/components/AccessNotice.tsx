import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { DlqAccess } from '@internal/plugin-dlq-common';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { WRAP, dlqApiRef } from '@internal/plugin-dlq-react';
import { brokerDown } from './common';

/** Why a queue's buttons are disabled, if they are. */
export interface QueueActions {
  /** May plan and start replays. */
  replay: boolean;
  /** May archive and purge. */
  manage: boolean;
  /** Why not, in a sentence (for tooltips); undefined when everything is allowed. */
  reason?: string;
  access?: DlqAccess;
  /** The runtime's broker is down: nothing can change until it is back. */
  degraded?: string;
}

/**
 * What the signed-in user may change on a queue. Unknown (still loading, or the access
 * route failed) counts as allowed: the backend still refuses with its own message.
 */
export function useQueueActions(
  runtime: string,
  dlq: string,
  brokerError?: unknown,
): QueueActions {
  const api = useApi(dlqApiRef);
  const { value: access } = useAsync(
    () => api.getDlqAccess(runtime, dlq),
    [api, runtime, dlq],
  );
  const down = brokerError ? brokerDown(brokerError) : undefined;
  if (down) {
    const degraded = `The runtime's broker is down, so nothing can be replayed, archived or purged until it is back: ${down.message}`;
    return {
      replay: false,
      manage: false,
      reason: degraded,
      access,
      degraded,
    };
  }
  if (!access) return { replay: true, manage: true };
  const reason = !access.replay.allowed
    ? access.replay.reason
    : access.manage.reason;
  return {
    replay: access.replay.allowed,
    manage: access.manage.allowed,
    reason,
    access,
  };
}

/** A visible line saying why the queue's buttons are disabled: who owns it, whom to ask. */
export const AccessNotice = ({ actions }: { actions: QueueActions }) => {
  if (actions.replay && actions.manage) return null;
  if (actions.degraded) {
    return (
      <Alert
        severity="warning"
        style={{ marginBottom: 8, ...WRAP }}
        data-testid="access-notice"
      >
        {actions.degraded}
      </Alert>
    );
  }
  const owner = actions.access?.owner;
  const what = [
    !actions.replay && 'replay',
    !actions.manage && 'archive or purge',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Alert
      severity="info"
      style={{ marginBottom: 8, ...WRAP }}
      data-testid="access-notice"
    >
      {owner ? (
        <>
          You may not {what} messages of this queue: it is owned by{' '}
          <EntityRefLink entityRef={owner} defaultKind="group" />, and you are
          not a member. Ask a member of{' '}
          <EntityRefLink entityRef={owner} defaultKind="group" /> to do it.
        </>
      ) : (
        actions.reason
      )}
    </Alert>
  );
};
