import { InfoCard } from '@backstage/core-components';
import type { SloDetail } from '@internal/plugin-journeys-common';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReactNode } from 'react';
import { formatDuration } from '../format';
import { BurningInstancesTable } from './BurningInstancesTable';
import { AlertHistory, OpenAlerts } from './SloAlerts';
import { BurnDownChart, BurnRateChart } from './SloCharts';
import { BudgetRemaining, SeverityChip } from './SloChips';
import {
  countsText,
  eventsText,
  exhaustedSentence,
  formatBurn,
  formatEvents,
  formatSli,
  formatTarget,
  hasNoData,
  openSeverity,
  windowText,
} from './SloFigures';
import { SloRulesTable } from './SloRulesTable';
import { SloWhy } from './SloWhy';
import { Fact } from '../Fact';

const Heading = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" gutterBottom style={{ marginTop: 16 }}>
    {children}
  </Typography>
);

/** What counts as good, bad and excluded. */
const Counts = ({ slo }: { slo: SloDetail }) => {
  const counts = countsText(slo);
  return (
    <>
      <div>good: {counts.good}</div>
      <div>bad: {counts.bad}</div>
      <Typography variant="body2" color="textSecondary">
        excluded: {counts.excluded}
      </Typography>
    </>
  );
};

/** The budget as a percentage, as events and as time, and when it runs out. */
const Budget = ({ slo }: { slo: SloDetail }) => {
  const { budget } = slo;
  return (
    <>
      <BudgetRemaining
        fraction={budget.remainingFraction}
        status={slo.budgetStatus}
      />
      <Typography variant="body2">
        {budget.remainingEvents < 0
          ? `${eventsText(-budget.remainingEvents)} over the ${formatEvents(
              budget.totalEvents,
            )} allowed`
          : `${formatEvents(budget.remainingEvents)} of ${eventsText(
              budget.totalEvents,
            )} left`}
      </Typography>
      {budget.remainingTimeMs !== null && budget.remainingTimeMs >= 0 && (
        <Typography variant="body2" color="textSecondary">
          ≈ {formatDuration(budget.remainingTimeMs)} of full outage left (of{' '}
          {formatDuration(budget.totalTimeMs)})
        </Typography>
      )}
    </>
  );
};

/** One objective: SLI, budget, both charts, alerts and rules, the arithmetic, the bad instances. */
export const SloObjectiveCard = ({ slo }: { slo: SloDetail }) => {
  const noData = hasNoData(slo);
  const exhausted = exhaustedSentence(slo);
  const window = windowText(slo.windowMs);
  const severity = openSeverity(slo.openAlerts);
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center">
          <span style={{ marginRight: 8 }}>{slo.objective}</span>
          {severity && <SeverityChip severity={severity} />}
        </Box>
      }
      subheader={slo.description}
    >
      <div data-testid={`slo-objective-${slo.objective}`}>
        <Box display="flex" flexWrap="wrap">
          <Fact label="SLI" testId="slo-sli">
            {noData
              ? `– of ${formatTarget(slo.target)} target`
              : `${formatSli(slo.sli, slo.target)} of ${formatTarget(
                  slo.target,
                )} target`}
          </Fact>
          <Fact label="Window">{window}, rolling</Fact>
          <Fact label={slo.indicator === 'latency' ? 'Latency' : 'Counts'}>
            <Counts slo={slo} />
          </Fact>
          <Fact label="Error budget" testId="slo-budget-fact">
            <Budget slo={slo} />
          </Fact>
          <Fact label="Burn rate (1h)" testId="slo-burn-1h">
            {formatBurn(slo.burnRates['1h'])}
            {slo.timeToExhaustionMs !== null && (
              <Typography variant="body2" color="textSecondary">
                budget gone in ≈ {formatDuration(slo.timeToExhaustionMs)} at
                this rate
              </Typography>
            )}
          </Fact>
        </Box>

        {exhausted && (
          <Alert severity="error" data-testid="slo-exhausted">
            {exhausted}
          </Alert>
        )}
        {noData && (
          <Alert severity="info" data-testid="slo-no-data">
            No finished instances in the window yet: nothing counts towards this
            objective over the last {window}.
          </Alert>
        )}

        {!noData && (
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <Heading>Budget left over the last {window}</Heading>
              <BurnDownChart slo={slo} />
            </Grid>
            <Grid item xs={12} md={6}>
              <Heading>Burn rate, last 24 hours</Heading>
              <BurnRateChart slo={slo} />
            </Grid>
          </Grid>
        )}

        <Heading>Alerts</Heading>
        <OpenAlerts alerts={slo.openAlerts} />
        <Heading>Burn-rate rules</Heading>
        <SloRulesTable rules={slo.rules} minValidEvents={slo.minValidEvents} />

        {!noData && (
          <>
            <Heading>Why: the figures, by hand</Heading>
            <SloWhy slo={slo} />
            <Box mt={2}>
              <BurningInstancesTable slo={slo} />
            </Box>
          </>
        )}

        <Heading>Alert history</Heading>
        <AlertHistory alerts={slo.alertHistory} />
      </div>
    </InfoCard>
  );
};
