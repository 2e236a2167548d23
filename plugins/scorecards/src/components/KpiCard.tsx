import { Link } from '@backstage/core-components';
import type {
  EntityKpiValueResponse,
  KpiDeltaResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import { Box, Paper, Typography } from '@material-ui/core';
import { useScorecardsLinks } from '../routes';
import { formatKpiDelta, formatKpiValue } from '../shaping/kpiFormat';
import { formatThresholds, kpiTarget, targetText } from '../shaping/kpiSeries';
import {
  aggregatedFromText,
  memberCountsDetail,
} from '../shaping/memberCounts';
import { KpiTitle } from './KpiDefinition';
import { KpiSparkline } from './KpiSparkline';
import { StatusChip } from './StatusChip';
import { STATUS_COLOUR } from './statusColours';

const TREND_COLOUR = {
  better: STATUS_COLOUR.green,
  worse: STATUS_COLOUR.red,
  unchanged: 'inherit',
};

const Delta = ({
  label,
  delta,
  kpi,
}: {
  label: string;
  delta?: KpiDeltaResponse;
  kpi: KpiResponse;
}) => (
  <Typography variant="body2" component="div">
    <Typography variant="caption" color="textSecondary" component="span">
      {label}{' '}
    </Typography>
    {delta ? (
      <span
        style={{ color: TREND_COLOUR[delta.trend ?? 'unchanged'] }}
        title={`${delta.trend ?? 'change'}, from ${formatKpiValue(
          delta.previous,
          kpi.unit,
        )}`}
      >
        {formatKpiDelta(delta, kpi.unit)}
      </span>
    ) : (
      <Typography variant="caption" color="textSecondary" component="span">
        no earlier value
      </Typography>
    )}
  </Typography>
);

/**
 * One KPI of an entity: the value with its unit and status, the target and every rule,
 * the last month against the target, and the change since last week and month.
 */
export const KpiCard = ({
  entityRef,
  kpi,
  value,
}: {
  entityRef: string;
  kpi: KpiResponse;
  value: EntityKpiValueResponse;
}) => {
  const links = useScorecardsLinks();
  const status = value.status ?? 'grey';
  // With an annotation override the KPI's rules are not the ones in force for this entity.
  const ownRules = value.thresholdSource === 'annotation';
  const target = ownRules
    ? undefined
    : kpiTarget(kpi.thresholds, kpi.direction);
  return (
    <Paper
      variant="outlined"
      data-testid={`kpi-${kpi.id}`}
      style={{
        padding: 12,
        borderLeft: `6px solid ${STATUS_COLOUR[status]}`,
        height: '100%',
      }}
    >
      <KpiTitle title={kpi.title} description={kpi.description} />
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        style={{ minHeight: '2.5em' }}
      >
        {kpi.description}
      </Typography>
      <Box display="flex" alignItems="center" my={1} style={{ gap: 8 }}>
        <Typography variant="h5" component="span" data-testid="kpi-value">
          {formatKpiValue(value.value, kpi.unit)}
        </Typography>
        <StatusChip status={status} />
      </Box>
      {value.members && (
        <Typography
          variant="caption"
          display="block"
          data-testid="kpi-members"
          title="A rollup's status is the worst of its entities' statuses"
        >
          {aggregatedFromText(
            value.members,
            undefined,
            value.aggregation ?? kpi.aggregation,
            kpi.direction,
          )}
          <br />
          <span
            style={{
              color: value.members.red ? STATUS_COLOUR.red : undefined,
            }}
          >
            {memberCountsDetail(value.members)}
          </span>
        </Typography>
      )}
      <Typography variant="caption" display="block">
        {ownRules
          ? 'Target: set for this entity by its own thresholds'
          : `Target: ${targetText(kpi.thresholds, kpi.unit)}`}
      </Typography>
      {!ownRules && kpi.thresholds.length > 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          {formatThresholds(kpi.thresholds, kpi.unit)}
        </Typography>
      )}
      <KpiSparkline entityRef={entityRef} kpi={kpi} target={target} />
      <Delta label="vs last week" delta={value.weekOverWeek} kpi={kpi} />
      <Delta label="vs last month" delta={value.monthOverMonth} kpi={kpi} />
      <Box mt={1}>
        <Link to={links.kpi(entityRef, kpi.id)}>History and instances</Link>
      </Box>
    </Paper>
  );
};
