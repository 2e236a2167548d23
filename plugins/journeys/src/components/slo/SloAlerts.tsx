import type { SloAlert } from '@internal/plugin-journeys-common';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { formatTime } from '@internal/plugin-dlq-react';
import { formatDuration } from '../format';
import { SeverityChip } from './SloChips';
import {
  burnWindowLabel,
  formatBurn,
  formatEvents,
  formatFraction,
  windowPairText,
} from './SloFigures';

/** The window pairs that fired an alert, with their figures then. */
const FiredRules = ({ alert }: { alert: SloAlert }) => (
  <>
    {alert.rules.map(r => (
      <div key={`${r.longWindowMs}-${r.shortWindowMs}`}>
        <strong>{windowPairText(r)}</strong>
        <Typography variant="caption" color="textSecondary">
          {' '}
          — {formatBurn(r.longBurn)} over {burnWindowLabel(r.longWindowMs)},{' '}
          {formatBurn(r.shortBurn)} over {burnWindowLabel(r.shortWindowMs)},{' '}
          {formatEvents(r.longValid)} valid events
        </Typography>
      </div>
    ))}
  </>
);

/** The alerts firing now, a page first. */
export const OpenAlerts = ({ alerts }: { alerts: SloAlert[] }) => {
  if (!alerts.length) {
    return (
      <Typography color="textSecondary" data-testid="slo-open-alerts">
        No open alerts.
      </Typography>
    );
  }
  const sorted = [...alerts].sort(
    (a, b) =>
      (a.severity === 'page' ? 0 : 1) - (b.severity === 'page' ? 0 : 1) ||
      a.firingSince.localeCompare(b.firingSince),
  );
  return (
    <div data-testid="slo-open-alerts">
      {sorted.map(a => (
        <Box key={a.id} mb={1}>
          <Alert
            severity={a.severity === 'page' ? 'error' : 'warning'}
            icon={false}
          >
            <Box display="flex" alignItems="center" flexWrap="wrap" mb={0.5}>
              <SeverityChip severity={a.severity} />
              <Typography variant="body2" style={{ marginLeft: 8 }}>
                firing since {formatTime(a.firingSince)}
                {a.budgetRemaining !== null &&
                  ` · ${formatFraction(
                    a.budgetRemaining,
                  )} of the budget left when it fired`}
              </Typography>
            </Box>
            <FiredRules alert={a} />
          </Alert>
        </Box>
      ))}
    </div>
  );
};

const HISTORY_ROWS = 5;

/** Earlier and open alerts, newest first; the first few unless asked for all. */
export const AlertHistory = ({ alerts }: { alerts: SloAlert[] }) => {
  const [all, setAll] = useState(false);
  if (!alerts.length) {
    return <Typography color="textSecondary">No alerts yet.</Typography>;
  }
  const shown = all ? alerts : alerts.slice(0, HISTORY_ROWS);
  return (
    <div data-testid="slo-alert-history">
      <Table size="small" aria-label="alert history">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Fired</TableCell>
            <TableCell>Resolved</TableCell>
            <TableCell>Window pairs</TableCell>
            <TableCell align="right">Budget left then</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(a => (
            <TableRow key={a.id}>
              <TableCell>
                <SeverityChip severity={a.severity} />
              </TableCell>
              <TableCell>{formatTime(a.firingSince)}</TableCell>
              <TableCell>
                {a.resolvedAt
                  ? `${formatTime(a.resolvedAt)} (after ${formatDuration(
                      Date.parse(a.resolvedAt) - Date.parse(a.firingSince),
                    )})`
                  : 'still open'}
              </TableCell>
              <TableCell>{a.rules.map(windowPairText).join('; ')}</TableCell>
              <TableCell align="right">
                {formatFraction(a.budgetRemaining)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {alerts.length > HISTORY_ROWS && (
        <Button size="small" onClick={() => setAll(v => !v)}>
          {all ? 'Show fewer' : `Show all ${alerts.length} alerts`}
        </Button>
      )}
    </div>
  );
};
