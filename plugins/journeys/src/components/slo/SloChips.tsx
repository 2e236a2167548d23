import type {
  SloAlert,
  SloBudgetStatus,
} from '@internal/plugin-journeys-common';
import { Chip } from '@material-ui/core';
import { BUDGET_COLOURS, formatFraction, SEVERITY_COLOURS } from './SloFigures';

/** An alert's severity: page red, ticket amber. */
export const SeverityChip = ({
  severity,
}: {
  severity: SloAlert['severity'];
}) => (
  <Chip
    size="small"
    label={severity}
    data-testid="slo-severity"
    style={{
      backgroundColor: SEVERITY_COLOURS[severity],
      color: '#fff',
      fontWeight: 500,
    }}
  />
);

const STATUS_WORDS: Record<SloBudgetStatus, string> = {
  healthy: 'healthy',
  warning: 'running low',
  exhausted: 'exhausted',
  'no-data': 'no data',
};

/** The remaining budget in its status colour, with the status in words for those who do not see colour. */
export const BudgetRemaining = ({
  fraction,
  status,
}: {
  fraction: number | null;
  status: SloBudgetStatus;
}) => (
  <span
    data-testid="slo-budget"
    data-status={status}
    title={STATUS_WORDS[status]}
    style={{
      color: BUDGET_COLOURS[status],
      fontWeight: 500,
      whiteSpace: 'nowrap',
    }}
  >
    {status === 'no-data' ? 'no data' : `${formatFraction(fraction)} left`}
    {status === 'exhausted' && ' · exhausted'}
  </span>
);
