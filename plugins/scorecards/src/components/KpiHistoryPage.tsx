import {
  Content,
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Breadcrumbs,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { drillDownLinks } from '../shaping/drillDown';
import {
  HISTORY_PERIODS,
  PERIOD_LABEL,
  historyRange,
  parsePeriod,
} from '../shaping/historyPeriod';
import { formatKpiValue, unitLabel } from '../shaping/kpiFormat';
import {
  formatBucket,
  formatThresholds,
  type KpiChartPoint,
  kpiChartData,
  kpiTarget,
  targetText,
} from '../shaping/kpiSeries';
import {
  aggregatedFromText,
  memberCountsDetail,
  memberCountsText,
} from '../shaping/memberCounts';
import { type CsvColumn, tableToCsv } from '../shaping/tableCsv';
import { CsvExportButton } from './CsvExportButton';
import { KpiHistoryChart } from './KpiHistoryChart';
import { MemberStatusChart } from './MemberStatusChart';
import { StatusChip } from './StatusChip';
import { useEntityTitle } from './useEntityTitle';

/** `/scorecards/:kind/:namespace/:name/kpis/:kpiId`: one KPI of one entity over time. */
export const KpiHistoryPage = () => {
  const { kind = '', namespace = '', name = '', kpiId = '' } = useParams();
  const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period'));
  const api = useApi(scorecardsApiRef);
  const links = useScorecardsLinks();
  const title = useEntityTitle(entityRef);

  const kpis = useAsync(() => api.listKpis(), [api]);
  const range = historyRange(period, Date.now());
  const history = useAsync(
    () => api.getKpiHistory(entityRef, { kpiId, ...range }),
    // range follows period; Date.now() would refetch every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef, kpiId, period],
  );
  const current = useAsync(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );

  const kpi = kpis.value?.find(k => k.id === kpiId);
  const error = kpis.error ?? history.error;
  const breadcrumbs = (
    <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
      <Link to={links.overview()}>Scorecards</Link>
      <Link to={links.entity(entityRef)}>{title}</Link>
      <Typography color="textPrimary">{kpi?.title ?? 'KPI'}</Typography>
    </Breadcrumbs>
  );
  if (error)
    return (
      <Content>
        {breadcrumbs}
        <ErrorPanel error={error} title="KPI history" />
      </Content>
    );
  if (kpis.loading || history.loading)
    return (
      <Content>
        {breadcrumbs}
        <Progress />
      </Content>
    );
  if (!kpi)
    return (
      <Content>
        {breadcrumbs}
        <Alert severity="warning">There is no KPI “{kpiId}”.</Alert>
      </Content>
    );

  const value = current.value?.items.find(v => v.kpiId === kpiId);
  const ownRules = value?.thresholdSource === 'annotation';
  const target = ownRules
    ? undefined
    : kpiTarget(kpi.thresholds, kpi.direction);
  const data = kpiChartData(history.value ?? []);
  const newestFirst = [...data].reverse();
  const hasMembers = data.some(p => p.members);
  const aggregation = value?.aggregation ?? kpi.aggregation;
  const drill = drillDownLinks(entityRef, kpiId);
  const bucket = (t: number) => formatBucket(t, range.granularity);
  const columns: TableColumn<KpiChartPoint>[] = [
    {
      title: range.granularity === 'day' ? 'Day (UTC)' : 'Hour (UTC)',
      render: p => bucket(p.t),
    },
    {
      title: 'Value',
      align: 'right',
      render: p => formatKpiValue(p.value, kpi.unit),
    },
    {
      title: 'Status',
      render: p => <StatusChip status={p.status ?? 'grey'} />,
    },
    ...(hasMembers
      ? [
          {
            title: 'Entities',
            render: (p: KpiChartPoint) =>
              p.members ? (
                <span title={memberCountsDetail(p.members)}>
                  {memberCountsText(p.members)}
                </span>
              ) : (
                '—'
              ),
          },
        ]
      : []),
  ];
  const csvColumns: CsvColumn<KpiChartPoint>[] = [
    { header: 'Bucket start (UTC)', value: p => new Date(p.t).toISOString() },
    { header: `${kpi.title} (${unitLabel(kpi.unit)})`, value: p => p.value },
    { header: 'Status', value: p => p.status },
    ...(hasMembers
      ? (['green', 'amber', 'red', 'none'] as const).map(
          (k): CsvColumn<KpiChartPoint> => ({
            header: `Entities ${k === 'none' ? 'without status' : k}`,
            value: p => p.members?.[k],
          }),
        )
      : []),
  ];

  return (
    <Content>
      {breadcrumbs}
      <Box display="flex" alignItems="flex-start" flexWrap="wrap" mb={2}>
        <Box flex={1} minWidth={280}>
          <Typography variant="h5" component="h2">
            {kpi.title} of {title}
          </Typography>
          <Typography variant="body2" data-testid="kpi-definition">
            {kpi.description}
          </Typography>
          <Typography variant="caption" color="textSecondary" display="block">
            {ownRules
              ? `Thresholds set on ${title} itself.`
              : `Target ${targetText(
                  kpi.thresholds,
                  kpi.unit,
                )} · ${formatThresholds(kpi.thresholds, kpi.unit)}`}
          </Typography>
          {(hasMembers || value?.members) && (
            <Typography
              variant="caption"
              color="textSecondary"
              display="block"
              data-testid="kpi-aggregation"
            >
              Each value is{' '}
              {aggregatedFromText(
                value?.members,
                current.value?.memberCount,
                aggregation,
                kpi.direction,
              )}
              ; its status is the worst of theirs.
            </Typography>
          )}
        </Box>
        <TextField
          select
          id="scorecards-history-period"
          label="Period"
          size="small"
          variant="outlined"
          value={period}
          onChange={e =>
            setParams(
              prev => {
                const p = new URLSearchParams(prev);
                p.set('period', e.target.value);
                return p;
              },
              { replace: true },
            )
          }
          style={{ minWidth: 180 }}
        >
          {HISTORY_PERIODS.map(p => (
            <MenuItem key={p} value={p}>
              {PERIOD_LABEL[p]}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <InfoCard title={`${kpi.title}, last ${PERIOD_LABEL[period]}`}>
        {data.length === 0 ? (
          <Typography color="textSecondary">
            No snapshot yet in this period: the scorecards backend writes one
            per day (and per hour for the last 48 hours).
          </Typography>
        ) : (
          <KpiHistoryChart
            kpi={kpi}
            data={data}
            granularity={range.granularity}
            target={target}
          />
        )}
      </InfoCard>
      {hasMembers && (
        <Box mt={2}>
          <InfoCard
            title={`Entities of ${title} by their ${kpi.title.toLocaleLowerCase(
              'en-US',
            )} status`}
            subheader="How many of the entities behind each value were on target, at risk or off target"
          >
            <MemberStatusChart data={data} granularity={range.granularity} />
          </InfoCard>
        </Box>
      )}
      {drill.length > 0 && (
        <Box mt={2}>
          <InfoCard title="Behind the numbers">
            <List dense disablePadding>
              {drill.map(l => (
                <ListItem key={l.to} disableGutters>
                  <ListItemText
                    primary={<Link to={l.to}>{l.title}</Link>}
                    secondary={l.description}
                  />
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Box>
      )}
      {data.length > 0 && (
        <Box mt={2}>
          <Box display="flex" justifyContent="flex-end" mb={1}>
            <CsvExportButton
              title={`${title} ${kpi.title} ${period}`}
              csv={() => tableToCsv(csvColumns, data)}
            />
          </Box>
          <Table<KpiChartPoint>
            title="Every snapshot, newest first"
            columns={columns}
            data={newestFirst}
            options={{
              paging: newestFirst.length > 20,
              pageSize: 20,
              pageSizeOptions: [20, 50, 100],
              search: false,
              padding: 'dense',
            }}
          />
        </Box>
      )}
    </Content>
  );
};
