/*
 * Replay notifications through Backstage's own notifications backend: the approval
 * request reaches the members of the queue's owning group (resolved from the demo
 * organisation in the catalog) but not the requester; the decision and the outcome reach
 * the requester. dlq-backend runs against the real integration runtime.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { waitFor } from '@internal/integration-runtime/testing';
import {
  DLQ,
  DlqTestBackend,
  INES,
  JONAS,
} from '@internal/plugin-dlq-backend/testing';
import { startDeadLetterBackend } from './__testUtils__/deadLetterBackend';

jest.setTimeout(120_000);

describe('replay notifications (dlq-backend and the notifications backend)', () => {
  let h: DlqTestBackend;

  beforeAll(async () => {
    h = await startDeadLetterBackend({ notificationsBackend: true });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** The notifications a user sees (GET /api/notifications/notifications). */
  const inbox = async (user: string) => {
    const res = await fetch(
      `${h.base.replace(/\/api\/dlq$/, '/api/notifications')}/notifications`,
      { headers: { authorization: mockCredentials.user.header(user) } },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    return body.notifications as Array<{
      user: string;
      payload: { title: string; link?: string; topic?: string };
    }>;
  };

  it('asks the owning group’s other members to approve, and tells the requester the decision', async () => {
    // The catalog knows the demo organisation once Jonas resolves as a member.
    const ids = await h.idsOf(await h.deadLetter(4));
    const plan = await h.call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids },
    });
    expect(plan.body.approvalRequired).toBe(true);
    const submitted = await h.call(
      INES,
      'POST',
      `/replays/${plan.body.id}/submit`,
      { reason: 'ERP back after INC-77' },
    );
    expect(submitted.body.status).toBe('awaiting-approval');

    const title = `Replay of 4 messages from ${DLQ} needs your approval`;
    const forJonas = await waitFor(
      () => inbox(JONAS),
      items => items.some(n => n.payload.title === title),
      { what: 'the approval request in Jonas’s notifications' },
    );
    expect(
      forJonas.find(n => n.payload.title === title)!.payload,
    ).toMatchObject({
      link: `/dead-letters/replays/${plan.body.id}`,
      topic: 'Dead-letter replays',
    });
    // Not the requester (who is in finance-systems too), nor anyone outside it.
    expect((await inbox(INES)).map(n => n.payload.title)).not.toContain(title);
    expect(
      (await inbox('user:default/alice.nguyen')).map(n => n.payload.title),
    ).not.toContain(title);

    await h.call(JONAS, 'POST', `/replays/${plan.body.id}/reject`, {
      comment: 'wait for the ERP fix to be deployed',
    });
    const forInes = await waitFor(
      () => inbox(INES),
      items =>
        items.some(
          n =>
            n.payload.title ===
            `Your replay of 4 messages from ${DLQ} was rejected`,
        ),
      { what: 'the decision in Ines’s notifications' },
    );
    expect(forInes).toHaveLength(1);
  });
});
