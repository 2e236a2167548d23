import {
  runtimeAdminDocument,
  RuntimeSchemas,
} from '@internal/integration-runtime-client';
import { FailureFilter } from '../failures/FailureStore';

/** What the admin API returns about replays: the contract's own types. */
export type ReplayJob = RuntimeSchemas['ReplayJob'];
export type ReplayStatus = ReplayJob['status'];
export type ItemOutcome = RuntimeSchemas['ReplayOutcome'];
export type ReplayPlan = RuntimeSchemas['ReplayPlan'];
export type ReplayItem = RuntimeSchemas['ReplayItem'];
export type EditedReplay = RuntimeSchemas['EditedReplay'];

/** Every outcome a replay item can have, as the contract lists them. */
export const OUTCOMES: readonly ItemOutcome[] =
  runtimeAdminDocument.components.schemas.ReplayOutcome.enum;

export interface ReplayRequest {
  dlq: string;
  /** Either explicit failure ids ... */
  ids?: string[];
  /** ... or a filter over the DLQ's failed messages. */
  filter?: Omit<FailureFilter, 'status'>;
  ratePerSecond?: number;
  reason: string;
  requester: string;
  /** Upper bound on the snapshot (protects against an accidental replay-all). */
  maxMessages?: number;
  /** With ids: report ids that are gone or no longer failed as skipped instead of refusing. */
  skipUnavailable?: boolean;
}

/** A failure record as a replay reads it (a row of `failures`). */
export interface Candidate {
  id: string;
  message_id: string;
  exchange: string;
  routing_key: string;
  dlq: string;
  status: string;
  replay_job_id: string | null;
  idempotency_key: string | null;
  order_id: string | null;
}

export type Row = Record<string, any>;
