import type { SloRuleState } from '@internal/plugin-journeys-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { SeverityChip } from './SloChips';
import {
  BUDGET_COLOURS,
  formatBurn,
  formatEvents,
  formatFraction,
  ruleVerdict,
  SEVERITY_COLOURS,
} from './SloFigures';

const Burn = ({ rate, factor }: { rate: number; factor: number }) => (
  <span style={rate >= factor ? { fontWeight: 600 } : undefined}>
    {formatBurn(rate)}
  </span>
);

const Verdict = ({
  rule,
  minValidEvents,
}: {
  rule: SloRuleState;
  minValidEvents: number;
}) => {
  switch (ruleVerdict(rule)) {
    case 'firing':
      return (
        <span
          style={{ color: SEVERITY_COLOURS[rule.severity], fontWeight: 600 }}
        >
          firing
        </span>
      );
    case 'held back':
      return (
        <span style={{ color: BUDGET_COLOURS.warning }}>
          held back by the low-traffic guard ({formatEvents(rule.longValid)} of{' '}
          {formatEvents(minValidEvents)} valid events)
        </span>
      );
    default:
      return <span style={{ color: BUDGET_COLOURS['no-data'] }}>quiet</span>;
  }
};

/** The multiwindow burn-rate rules of one objective, as evaluated now. */
export const SloRulesTable = ({
  rules,
  minValidEvents,
}: {
  rules: SloRuleState[];
  minValidEvents: number;
}) => (
  <div data-testid="slo-rules">
    <Table size="small" aria-label="burn-rate rules">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Long & short window</TableCell>
          <TableCell align="right">Factor</TableCell>
          <TableCell align="right">Budget share</TableCell>
          <TableCell align="right">Long burn</TableCell>
          <TableCell align="right">Short burn</TableCell>
          <TableCell align="right">Valid events (long)</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rules.map(r => (
          <TableRow
            key={`${r.severity}-${r.longWindow}-${r.shortWindow}`}
            data-testid="slo-rule"
          >
            <TableCell>
              <SeverityChip severity={r.severity} />
            </TableCell>
            <TableCell>
              {r.longWindow} & {r.shortWindow}
            </TableCell>
            <TableCell align="right">{formatBurn(r.factor)}</TableCell>
            <TableCell align="right">{formatFraction(r.budgetShare)}</TableCell>
            <TableCell align="right">
              <Burn rate={r.longBurn} factor={r.factor} />
            </TableCell>
            <TableCell align="right">
              <Burn rate={r.shortBurn} factor={r.factor} />
            </TableCell>
            <TableCell align="right">{formatEvents(r.longValid)}</TableCell>
            <TableCell>
              <Verdict rule={r} minValidEvents={minValidEvents} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    <Typography variant="caption" color="textSecondary" component="p">
      A rule fires when the burn rate over both its windows is at or above its
      factor and its long window holds at least {formatEvents(minValidEvents)}{' '}
      valid events (the low-traffic guard, <code>minValidEvents</code>).
    </Typography>
  </div>
);
