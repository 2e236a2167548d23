import { Progress, Table, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  EntityKpiValueResponse,
  EntityScorecardResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  formatKpiDelta,
  formatKpiValue,
  unitLabel,
} from '../shaping/kpiFormat';
import { targetText } from '../shaping/kpiSeries';
import {
  aggregationText,
  memberCountsDetail,
  memberCountsText,
} from '../shaping/memberCounts';
import { type CsvColumn, tableToCsv } from '../shaping/tableCsv';
import { CsvExportButton } from './CsvExportButton';
import { KpiCard } from './KpiCard';
import { KpiTitle } from './KpiDefinition';
import { MembersTable } from './MembersTable';
import { StatusChip } from './StatusChip';
import { STATUS_LABEL } from './statusColours';

interface KpiRow {
  kpi: KpiResponse;
  value: EntityKpiValueResponse;
}

const CSV_COLUMNS: CsvColumn<KpiRow>[] = [
  { header: 'KPI', value: r => r.kpi.title },
  { header: 'KPI id', value: r => r.kpi.id },
  { header: 'Value', value: r => r.value.value },
  { header: 'Unit', value: r => unitLabel(r.kpi.unit) },
  { header: 'Status', value: r => r.value.status },
  { header: 'Target', value: r => targetText(r.kpi.thresholds, r.kpi.unit) },
  { header: 'Thresholds from', value: r => r.value.thresholdSource },
  { header: 'Change vs last week', value: r => r.value.weekOverWeek?.change },
  {
    header: 'Change vs last month',
    value: r => r.value.monthOverMonth?.change,
  },
  { header: 'Definition', value: r => r.kpi.description },
];

/** A rollup's table also says how each value was made and from how many entities. */
const ROLLUP_CSV_COLUMNS: CsvColumn<KpiRow>[] = [
  ...CSV_COLUMNS.slice(0, -1),
  {
    header: 'Aggregation',
    value: r => r.value.aggregation ?? r.kpi.aggregation,
  },
  { header: 'Entities green', value: r => r.value.members?.green },
  { header: 'Entities amber', value: r => r.value.members?.amber },
  { header: 'Entities red', value: r => r.value.members?.red },
  { header: 'Entities without status', value: r => r.value.members?.none },
  CSV_COLUMNS[CSV_COLUMNS.length - 1],
];

/** Kinds whose values the backend aggregates from the entities they hold. */
const ROLLUP_KINDS = ['group', 'system', 'domain'];

function rowsOf(
  kpis: KpiResponse[],
  scorecard: EntityScorecardResponse,
): KpiRow[] {
  const values = new Map(scorecard.items.map(v => [v.kpiId, v]));
  return kpis.flatMap(kpi => {
    const value = values.get(kpi.id);
    return value ? [{ kpi, value }] : [];
  });
}

const Summary = ({ scorecard }: { scorecard: EntityScorecardResponse }) => {
  const { green, amber, red } = scorecard.counts;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      mb={2}
      style={{ gap: 16 }}
      data-testid="scorecard-summary"
    >
      <StatusChip status={scorecard.status ?? 'grey'} />
      {scorecard.score !== undefined && (
        <Typography variant="h6" component="span">
          Score {Math.round(scorecard.score)} / 100
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {green} {STATUS_LABEL.green} · {amber} {STATUS_LABEL.amber} · {red}{' '}
        {STATUS_LABEL.red}
        {scorecard.unknown ? ` · ${scorecard.unknown} without a rule` : ''} ·
        values of {scorecard.day} (UTC)
      </Typography>
      {scorecard.rollup && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="scorecard-rollup"
        >
          Aggregated from {scorecard.memberCount ?? 0}{' '}
          {scorecard.memberCount === 1 ? 'entity' : 'entities'} you may see;
          each KPI's status is the worst of theirs.
        </Typography>
      )}
    </Box>
  );
};

/**
 * A team's, system's or journey's scorecard: its rolled-up status, one card per KPI
 * (value, target, sparkline, deltas), the same as a table to export, and for teams and
 * systems the scorecards of what they own or contain.
 */
export const EntityScorecardView = ({
  entityRef,
  title,
}: {
  entityRef: string;
  title: string;
}) => {
  const api = useApi(scorecardsApiRef);
  const kpis = useAsync(() => api.listKpis(), [api]);
  const scorecard = useAsync(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );
  const kind = parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  const rollup = scorecard.value?.rollup ?? ROLLUP_KINDS.includes(kind);

  const error = kpis.error ?? scorecard.error;
  if (error) return <ErrorPanel error={error} title={`${title}'s scorecard`} />;
  if (kpis.loading || scorecard.loading) return <Progress />;
  if (!scorecard.value) {
    return (
      <Alert severity="info">
        There is no scorecard for {title}: it is not in the catalog, or you may
        not see it.
      </Alert>
    );
  }
  const rows = rowsOf(kpis.value ?? [], scorecard.value);
  const columns: TableColumn<KpiRow>[] = [
    {
      title: 'KPI',
      render: r => (
        <KpiTitle title={r.kpi.title} description={r.kpi.description} />
      ),
    },
    {
      title: 'Value',
      align: 'right',
      render: r => formatKpiValue(r.value.value, r.kpi.unit),
    },
    {
      title: 'Status',
      render: r => <StatusChip status={r.value.status ?? 'grey'} />,
    },
    {
      title: 'Target',
      render: r =>
        r.value.thresholdSource === 'annotation'
          ? 'own thresholds'
          : targetText(r.kpi.thresholds, r.kpi.unit),
    },
    ...(rollup
      ? [
          {
            title: 'Entities',
            render: (r: KpiRow) =>
              r.value.members ? (
                <span title={memberCountsDetail(r.value.members)}>
                  {memberCountsText(r.value.members)}
                  <br />
                  <Typography variant="caption" color="textSecondary">
                    {aggregationText(
                      r.value.aggregation ?? r.kpi.aggregation,
                      r.kpi.direction,
                    )}
                  </Typography>
                </span>
              ) : (
                '—'
              ),
          } as TableColumn<KpiRow>,
        ]
      : []),
    {
      title: 'vs last week',
      render: r =>
        r.value.weekOverWeek
          ? formatKpiDelta(r.value.weekOverWeek, r.kpi.unit)
          : '—',
    },
    {
      title: 'vs last month',
      render: r =>
        r.value.monthOverMonth
          ? formatKpiDelta(r.value.monthOverMonth, r.kpi.unit)
          : '—',
    },
  ];

  return (
    <>
      {rows.length === 0 ? (
        <Box mb={2}>
          <Alert severity="info">
            No snapshot yet for {title}: the scorecards backend writes the first
            one at its next daily run.
          </Alert>
        </Box>
      ) : (
        <>
          <Summary scorecard={scorecard.value} />
          <Grid container spacing={2}>
            {rows.map(r => (
              <Grid item xs={12} sm={6} md={4} lg={3} key={r.kpi.id}>
                <KpiCard entityRef={entityRef} kpi={r.kpi} value={r.value} />
              </Grid>
            ))}
          </Grid>
          <Box mt={3}>
            <Box display="flex" justifyContent="flex-end" mb={1}>
              <CsvExportButton
                title={`${title} KPIs ${scorecard.value.day}`}
                csv={() =>
                  tableToCsv(rollup ? ROLLUP_CSV_COLUMNS : CSV_COLUMNS, rows)
                }
              />
            </Box>
            <Table<KpiRow>
              title={`${title}: all KPIs`}
              columns={columns}
              data={rows}
              options={{
                paging: rows.length > 20,
                pageSize: 20,
                search: false,
                padding: 'dense',
              }}
            />
          </Box>
        </>
      )}
      {rollup && (
        <Box mt={3}>
          <MembersTable
            entityRef={entityRef}
            title={title}
            kpis={kpis.value ?? []}
            memberCount={scorecard.value.memberCount}
          />
        </Box>
      )}
    </>
  );
};
