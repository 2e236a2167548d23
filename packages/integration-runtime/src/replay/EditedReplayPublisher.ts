import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Broker } from '../broker/types';
import { Db, recordAdminAction } from '../store/RuntimeDatabase';
import { ReplaySelector } from './ReplaySelector';
import { REPLAY_EDITED_FROM, replayMessage } from './replayMessage';
import { Candidate, EditedReplay, Row } from './types';

/**
 * Publishes one failed message with a corrected body ("edit and retry"). The original
 * record stays, archived with a reason that names the new message; the edited message
 * gets a new message id (it is a different message, and it must not be taken for a
 * redelivery of the one that failed) but keeps the idempotency key, so a side effect the
 * original somehow performed is still not done twice.
 */
export class EditedReplayPublisher {
  constructor(
    private readonly db: Db,
    private readonly selector: ReplaySelector,
    private readonly broker: Broker,
  ) {}

  async publish(
    id: string,
    edit: { body: string; reason: string; requester: string },
  ): Promise<EditedReplay> {
    if (!edit.reason?.trim()) throw new InputError('reason is required');
    if (!edit.requester?.trim()) throw new InputError('requester is required');
    const editId = randomUUID();
    const row = this.db.transaction(() => {
      const r = this.db
        .prepare('SELECT * FROM failures WHERE id = ?')
        .get(id) as Row | undefined;
      if (!r) throw new NotFoundError(`no failed message '${id}'`);
      if (r.status !== 'failed') {
        throw new ConflictError(
          `message ${id} is ${r.status} and cannot be replayed`,
        );
      }
      if (r.replay_job_id) {
        throw new ConflictError(
          `message ${id} is part of replay ${r.replay_job_id}; cancel it or wait`,
        );
      }
      if (this.selector.isProcessed(r as Candidate)) {
        throw new ConflictError(
          `message ${id} was processed since it failed; replaying it would do nothing`,
        );
      }
      if (/json/i.test(r.content_type)) {
        try {
          JSON.parse(edit.body);
        } catch (e) {
          throw new InputError(
            `body is not valid JSON: ${(e as Error).message.slice(0, 200)}`,
          );
        }
      }
      // Held like a replay item, so no replay job or second edit takes it meanwhile.
      this.db
        .prepare('UPDATE failures SET replay_job_id = ? WHERE id = ?')
        .run(`edit:${editId}`, id);
      return r;
    })();
    const message = replayMessage(editId, row);
    message.messageId = editId;
    message.body = Buffer.from(edit.body, 'utf-8');
    message.headers[REPLAY_EDITED_FROM] = row.message_id as string;
    try {
      await this.broker.publish(message);
    } catch (e) {
      this.db
        .prepare(
          'UPDATE failures SET replay_job_id = NULL WHERE id = ? AND replay_job_id = ?',
        )
        .run(id, `edit:${editId}`);
      throw e;
    }
    const replayedAt = new Date().toISOString();
    const digest = (b: Buffer | string) =>
      createHash('sha256').update(b).digest('hex');
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE failures SET status = 'archived', replay_job_id = NULL, status_reason = ?
           WHERE id = ?`,
        )
        .run(
          `edited and replayed as message ${editId} by ${edit.requester.trim()}: ${edit.reason.trim()}`.slice(
            0,
            1000,
          ),
          id,
        );
      // Bodies may carry personal data: the runtime's trail keeps their digests only.
      recordAdminAction(
        this.db,
        'message.edit-replay',
        edit.requester.trim(),
        edit.reason.trim(),
        {
          failureId: id,
          dlq: row.dlq,
          originalMessageId: row.message_id,
          messageId: editId,
          originalBodySha256: digest(Buffer.from(row.body)),
          editedBodySha256: digest(edit.body),
        },
      );
    })();
    return {
      failureId: id,
      dlq: row.dlq,
      originalMessageId: row.message_id,
      messageId: editId,
      exchange: row.exchange,
      routingKey: row.routing_key,
      replayedAt,
    };
  }
}
