import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AggregateRowResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import { Box, Paper, TablePagination, Typography } from '@material-ui/core';
import { Alert, ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { type AggregationsQuery, scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { buildHeatMap, heatMapCsvColumns } from '../shaping/heatMap';
import {
  fetchAllPages,
  PAGE_SIZES,
  type RollupTableState,
  sortByColumn,
  tableQuery,
} from '../shaping/rollupQuery';
import { tableToCsv } from '../shaping/tableCsv';
import { CsvExportButton } from './CsvExportButton';
import { HeatMapTable } from './HeatMapTable';
import { RollupFilters } from './RollupFilters';
import { useRollupTableState } from './useRollupTableState';

type RollupKind = NonNullable<AggregationsQuery['kind']>;

/** The overview's kinds: what a row is, as the switch and the name column say it. */
const KINDS: Array<{ kind: RollupKind; label: string; row: string }> = [
  { kind: 'group', label: 'Teams', row: 'Team' },
  { kind: 'system', label: 'Systems', row: 'System' },
  { kind: 'domain', label: 'Domains', row: 'Domain' },
];

function parseKind(value: string | null): RollupKind {
  return KINDS.find(k => k.kind === value)?.kind ?? 'group';
}

function dayText(day: string | undefined): string {
  if (!day) return '';
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const heatMapOf = (
  kpis: KpiResponse[],
  rows: AggregateRowResponse[],
  kind: string,
  state: RollupTableState,
) =>
  buildHeatMap(
    kpis,
    rows.map(r => ({ entityRef: r.entityRef, name: r.title, scorecard: r })),
    kind,
    [
      state.sortKpiId,
      state.status.length ? state.statusKpiId : undefined,
    ].filter((id): id is string => !!id),
  );

/**
 * Every team (or system, domain) × its rolled-up KPIs, coloured by status: where to look
 * first. One /aggregations request per page; the server searches, filters, sorts, pages.
 */
export const OrganisationOverviewPage = () => {
  const api = useApi(scorecardsApiRef);
  const links = useScorecardsLinks();
  const [params, setParams] = useSearchParams();
  const kind = parseKind(params.get('kind'));
  const kindInfo = KINDS.find(k => k.kind === kind)!;
  const [state, setState] = useRollupTableState();
  const query = tableQuery(state);
  const queryKey = JSON.stringify(query);

  const kpis = useAsync(() => api.listKpis(), [api]);
  const page = useAsync(
    () => api.listAggregations({ kind, ...query }),
    // query is a new object each render; its JSON says when it changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, kind, queryKey],
  );

  const error = kpis.error ?? page.error;
  if (error) return <ErrorPanel error={error} title="Scorecards" />;

  const setKind = (next: RollupKind | null) => {
    if (!next) return;
    setParams(
      prev => {
        const p = new URLSearchParams(prev);
        if (next === 'group') p.delete('kind');
        else p.set('kind', next);
        p.delete('page');
        return p;
      },
      { replace: true },
    );
  };

  const exportCsv = async () => {
    const rows = await fetchAllPages((offset, limit) =>
      api.listAggregations({ kind, ...query, offset, limit }),
    );
    const map = heatMapOf(kpis.value ?? [], rows, kind, state);
    return tableToCsv(heatMapCsvColumns(map, kindInfo.row), map.rows);
  };

  const map =
    kpis.value && page.value && !page.loading
      ? heatMapOf(kpis.value, page.value.items, kind, state)
      : undefined;
  const total = page.value?.total ?? 0;
  const filtered = !!(state.q.trim() || state.status.length);

  return (
    <Content>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={2}>
        <Box flex={1} minWidth={320}>
          <Typography variant="h5" component="h2">
            Organisation overview
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Every {kindInfo.row.toLocaleLowerCase('en-US')} and the KPIs of what
            it holds, rolled up
            {page.value?.day
              ? `, values of ${dayText(page.value.day)} (UTC)`
              : ''}
            . A cell's status is the worst of its entities'. Pick a name for its
            entities and trends, a value for its history.
          </Typography>
        </Box>
        <CsvExportButton
          title={`Scorecards by ${kindInfo.row.toLocaleLowerCase('en-US')}`}
          csv={exportCsv}
        />
      </Box>
      <RollupFilters
        id="scorecards-overview"
        state={state}
        onChange={setState}
        kpis={kpis.value ?? []}
        searchLabel={`Find a ${kindInfo.row.toLocaleLowerCase('en-US')}`}
      >
        <ToggleButtonGroup
          size="small"
          exclusive
          value={kind}
          aria-label="Rows"
          onChange={(_, next: RollupKind | null) => setKind(next)}
        >
          {KINDS.map(k => (
            <ToggleButton
              key={k.kind}
              value={k.kind}
              style={{ textTransform: 'none' }}
            >
              {k.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </RollupFilters>
      {kpis.value && kpis.value.length === 0 && (
        <Alert severity="info">
          No KPIs are defined yet: the scorecards backend has no metric
          providers installed.
        </Alert>
      )}
      {map && map.rows.length > 0 && map.rows.every(r => !r.hasSnapshot) && (
        <Box mb={2}>
          <Alert severity="info">
            No snapshot yet: the scorecards backend writes the first one at its
            next daily run, then the values and their history appear here.
          </Alert>
        </Box>
      )}
      <Paper variant="outlined">
        {(page.loading || kpis.loading) && <Progress />}
        {map && map.rows.length > 0 && (
          <HeatMapTable
            map={map}
            nameHeader={kindInfo.row}
            label={`KPIs by ${kindInfo.row.toLocaleLowerCase('en-US')}`}
            rowLink={links.entity}
            cellLink={links.kpi}
            sort={{
              state,
              onSort: column => setState(sortByColumn(state, column)),
            }}
          />
        )}
        {map && map.rows.length === 0 && (
          <Box p={2}>
            <Typography color="textSecondary">
              {filtered
                ? `No ${kindInfo.label.toLocaleLowerCase(
                    'en-US',
                  )} match the search or filter.`
                : `There are no ${kindInfo.label.toLocaleLowerCase(
                    'en-US',
                  )} in the catalog that you may see.`}
            </Typography>
          </Box>
        )}
        {page.value && total > 0 && (
          <TablePagination
            component="div"
            count={total}
            page={state.page}
            rowsPerPage={state.pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_, p) => setState({ ...state, page: p })}
            onRowsPerPageChange={e =>
              setState({ ...state, pageSize: Number(e.target.value), page: 0 })
            }
          />
        )}
      </Paper>
    </Content>
  );
};
