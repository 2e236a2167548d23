import {
  ErrorAlert as SharedErrorAlert,
  ErrorPanel as SharedErrorPanel,
  errorMessage,
} from '@internal/plugin-dlq-react';
import type {
  FailureStatus,
  Replay,
  ReplayCountKey,
  ReplayStatus,
} from '@internal/plugin-dlq-common';
import {
  REPLAY_COUNT_LABELS,
  REPLAY_STATUS_LABELS,
  replayTone,
} from '@internal/plugin-dlq-common';
import { Chip, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Area, AreaChart } from 'recharts';

/**
 * A 503 whose runtime's broker is down (Retry-After, or the backend's "try again in N s"):
 * the runtime reconnects by itself, so this is a wait, not a failure.
 */
export function brokerDown(
  e: unknown,
): { message: string; retryAfterSeconds?: number } | undefined {
  const err = e as {
    name?: string;
    statusCode?: number;
    response?: { headers?: { get?(name: string): string | null } };
  };
  if (!err || err.name !== 'ResponseError' || err.statusCode !== 503)
    return undefined;
  const message = errorMessage(e);
  const header = err.response?.headers?.get?.('retry-after');
  const fromMessage = /try again in (\d+) s/.exec(message)?.[1];
  const seconds = Number(header ?? fromMessage);
  if (!header && !fromMessage && !/broker is down/.test(message))
    return undefined;
  return {
    message,
    retryAfterSeconds: Number.isFinite(seconds) ? seconds : undefined,
  };
}

/** An amber notice for a runtime whose broker is down: it will be back. */
const BrokerDownAlert = ({
  down,
  title,
  onClose,
}: {
  down: { message: string; retryAfterSeconds?: number };
  title?: string;
  onClose?: () => void;
}) => (
  <Alert
    severity="warning"
    onClose={onClose}
    role="alert"
    data-testid="broker-down"
  >
    {`${title ? `${title}: ` : ''}${
      down.message
    }. It will be back: the runtime reconnects to its broker by itself${
      down.retryAfterSeconds !== undefined &&
      !down.message.includes('try again')
        ? ` (try again in ${down.retryAfterSeconds} s)`
        : ''
    }.`}
  </Alert>
);

/** A page-level error; a runtime whose broker is down gets the amber "it will be back" instead. */
export const ErrorPanel = ({
  error,
  title,
}: {
  error: Error;
  title?: string;
}) => {
  const down = brokerDown(error);
  if (down) return <BrokerDownAlert down={down} title={title} />;
  return <SharedErrorPanel error={error} title={title} />;
};

/** An inline error (failed action); a runtime whose broker is down gets the amber notice. */
export const ErrorAlert = ({
  error,
  onClose,
}: {
  error: unknown;
  onClose?: () => void;
}) => {
  const down = brokerDown(error);
  if (down) return <BrokerDownAlert down={down} onClose={onClose} />;
  return <SharedErrorAlert error={error} onClose={onClose} />;
};

/** 11532 → '3 h 12 min'. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds))
    return '–';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const TONE_COLOURS: Record<ReturnType<typeof replayTone>, string> = {
  success: '#2e7d32',
  warning: '#ed6c02',
  error: '#d32f2f',
  active: '#0288d1',
  neutral: '#757575',
};

const chip = (label: string, colour: string, testId?: string) => (
  <Chip
    size="small"
    label={label}
    data-testid={testId}
    style={{ backgroundColor: colour, color: '#fff', fontWeight: 500 }}
  />
);

/** A replay's status in words, coloured by how it went (red/amber when messages failed again). */
export const ReplayStatusChip = ({
  replay,
}: {
  replay: Pick<Replay, 'status' | 'progress'>;
}) => {
  const status: ReplayStatus = replay.status;
  return chip(
    REPLAY_STATUS_LABELS[status] ?? status,
    TONE_COLOURS[replayTone(replay)],
    'replay-status',
  );
};

export const OUTCOME_COLOURS: Record<ReplayCountKey, string> = {
  replayed: '#2e7d32',
  'skipped-duplicate': '#0288d1',
  'skipped-missing': '#757575',
  'failed-again': '#d32f2f',
  parked: '#ed6c02',
  pending: '#9e9e9e',
  'not-attempted': '#616161',
};

export const OutcomeChip = ({ outcome }: { outcome: ReplayCountKey }) =>
  chip(
    REPLAY_COUNT_LABELS[outcome] ?? outcome,
    OUTCOME_COLOURS[outcome] ?? '#757575',
  );

const FAILURE_COLOURS: Record<FailureStatus, string> = {
  failed: '#d32f2f',
  parked: '#ed6c02',
  archived: '#757575',
};

export const FailureStatusChip = ({ status }: { status: FailureStatus }) =>
  chip(status, FAILURE_COLOURS[status] ?? '#757575');

/** A tiny inflow trend (dead letters per bucket). */
export const Sparkline = ({
  data,
  width = 120,
  height = 32,
}: {
  data: Array<{ start: string; count: number }>;
  width?: number;
  height?: number;
}) => {
  if (!data.length)
    return (
      <Typography variant="caption" color="textSecondary">
        no data
      </Typography>
    );
  const total = data.reduce((n, b) => n + b.count, 0);
  return (
    <div
      aria-label={`inflow: ${total} in ${data.length} buckets`}
      title={`${total} dead letters`}
    >
      <AreaChart
        width={width}
        height={height}
        data={data}
        margin={{ top: 2, right: 0, bottom: 0, left: 0 }}
      >
        <Area
          type="monotone"
          dataKey="count"
          stroke="#d32f2f"
          fill="#d32f2f"
          fillOpacity={0.25}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </div>
  );
};
