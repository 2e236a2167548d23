import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  Replay,
  REPLAY_STATUS_LABELS,
  replayHeadline,
} from '@internal/plugin-dlq-common';

/** What happened to a replay that someone should hear about. */
export type ReplayEvent =
  | 'approval-requested'
  | 'approved'
  | 'rejected'
  | 'canary-stopped'
  | 'finished';

/** Where the replay page opens in the portal. */
export const replayLink = (id: string) =>
  `/dead-letters/replays/${encodeURIComponent(id)}`;

const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

/**
 * The notification of one replay event: an approval request goes to the queue's owning
 * group (the notifications backend resolves it to its members) but not to the requester;
 * decisions and outcomes go to the requester. The scope is per replay and event, so a
 * retried send updates the same notification instead of adding a second one.
 */
export function replayNotification(
  replay: Replay,
  event: ReplayEvent,
  context: { owner?: string; actor?: string },
): NotificationSendOptions | undefined {
  const what = `${plural(replay.plan.count)} from ${replay.dlq}`;
  const base = {
    link: replayLink(replay.id),
    topic: 'Dead-letter replays',
    scope: `dlq-replay:${replay.id}:${event}`,
  };
  const toRequester = {
    type: 'entity' as const,
    entityRef: replay.requester,
  };
  switch (event) {
    case 'approval-requested':
      if (!context.owner) return undefined;
      return {
        recipients: {
          type: 'entity',
          entityRef: context.owner,
          excludeEntityRef: replay.requester,
        },
        payload: {
          ...base,
          title: `Replay of ${what} needs your approval`,
          description: `${replay.requester} asks to replay ${what} (${
            replay.runtime
          }). Reason: ${replay.reason ?? '–'}`,
          severity: 'high',
        },
      };
    case 'approved':
    case 'rejected':
      return {
        recipients: toRequester,
        payload: {
          ...base,
          title: `Your replay of ${what} was ${event}`,
          description: `${event === 'approved' ? 'Approved' : 'Rejected'} by ${
            context.actor ?? replay.approver ?? 'someone'
          }${replay.decisionComment ? `: ${replay.decisionComment}` : '.'}`,
          severity: event === 'approved' ? 'normal' : 'high',
        },
      };
    case 'canary-stopped':
      return {
        recipients: toRequester,
        payload: {
          ...base,
          title: `Replay of ${what} ${replayHeadline(replay)}`,
          description: replay.error ?? REPLAY_STATUS_LABELS[replay.status],
          severity: 'high',
        },
      };
    case 'finished':
      return {
        recipients: toRequester,
        payload: {
          ...base,
          title: `Replay of ${what} ${replayHeadline(replay)}`,
          description: replay.error ?? undefined,
          severity: replay.status === 'completed' ? 'normal' : 'high',
        },
      };
    default:
      return undefined;
  }
}

/** Sends replay notifications; a failed send is logged and never fails the replay. */
export class ReplayNotifier {
  constructor(
    private readonly notifications:
      | Pick<NotificationService, 'send'>
      | undefined,
    private readonly logger: LoggerService,
  ) {}

  async notify(
    replay: Replay,
    event: ReplayEvent,
    context: { owner?: string; actor?: string } = {},
  ): Promise<void> {
    if (!this.notifications) return;
    const notification = replayNotification(replay, event, context);
    if (!notification) {
      this.logger.warn(
        `replay ${replay.id}: nobody to notify of ${event} (queue ${replay.dlq} has no owner in the catalog)`,
      );
      return;
    }
    try {
      await this.notifications.send(notification);
    } catch (e) {
      this.logger.warn(
        `replay ${replay.id}: could not send the ${event} notification: ${
          (e as Error).message
        }`,
      );
    }
  }
}
