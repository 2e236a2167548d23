import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  KpiResponse,
  MemberRowResponse,
} from '@internal/plugin-scorecards-common';
import {
  Box,
  MenuItem,
  Paper,
  TablePagination,
  TextField,
  Typography,
} from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { memberDrillDown } from '../shaping/drillDown';
import { entityDisplayName, kindLabel } from '../shaping/entityNames';
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

const ALL_KINDS = '';

/** Kinds some KPI is measured on, lower case: what a member can be filtered to. */
function measuredKinds(kpis: KpiResponse[]): string[] {
  const kinds = new Set(
    kpis.flatMap(k => k.entityKinds.map(x => x.toLocaleLowerCase('en-US'))),
  );
  ['group', 'system', 'domain'].forEach(k => kinds.delete(k));
  return [...kinds].sort();
}

const heatMapOf = (
  kpis: KpiResponse[],
  rows: MemberRowResponse[],
  state: RollupTableState,
) =>
  buildHeatMap(
    kpis,
    rows.map(r => ({ entityRef: r.entityRef, name: r.title, scorecard: r })),
    'journey',
    [
      state.sortKpiId,
      state.status.length ? state.statusKpiId : undefined,
    ].filter((id): id is string => !!id),
  );

/**
 * The entities behind a team's, system's or domain's rollup, each with its own KPIs:
 * searched, filtered by kind and status, sorted and paged on the server. A name opens
 * the member's scorecard, a value its history; journeys lead to their instances, queues
 * to Dead letters.
 */
export const MembersTable = ({
  entityRef,
  title,
  kpis,
  memberCount,
}: {
  entityRef: string;
  title: string;
  kpis: KpiResponse[];
  memberCount?: number;
}) => {
  const api = useApi(scorecardsApiRef);
  const links = useScorecardsLinks();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useRollupTableState();
  const memberKind = params.get('memberKind') ?? ALL_KINDS;
  const query = { ...tableQuery(state), ...(memberKind ? { memberKind } : {}) };
  const queryKey = JSON.stringify(query);

  const page = useAsync(
    () => api.listMembers(entityRef, query),
    // query is a new object each render; its JSON says when it changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef, queryKey],
  );
  const heading = `Entities behind ${title}`;
  if (page.error) return <ErrorPanel error={page.error} title={heading} />;

  const rows = page.value?.items ?? [];
  const byRef = new Map(rows.map(r => [r.entityRef, r]));
  const map = page.value ? heatMapOf(kpis, rows, state) : undefined;
  const total = page.value?.total ?? 0;

  const setMemberKind = (kind: string) =>
    setParams(
      prev => {
        const p = new URLSearchParams(prev);
        if (kind) p.set('memberKind', kind);
        else p.delete('memberKind');
        p.delete('page');
        return p;
      },
      { replace: true },
    );

  const exportCsv = async () => {
    const all = await fetchAllPages(
      async (offset, limit) =>
        (await api.listMembers(entityRef, { ...query, offset, limit })) ?? {
          total: 0,
          items: [],
        },
    );
    const full = heatMapOf(kpis, all, state);
    const kindOf = new Map(all.map(r => [r.entityRef, r]));
    const columns = heatMapCsvColumns(full, 'Name');
    columns.splice(
      2,
      0,
      {
        header: 'Kind',
        value: r => kindOf.get(r.entityRef)?.kind,
      },
      {
        header: 'Owner',
        value: r => kindOf.get(r.entityRef)?.owner,
      },
    );
    return tableToCsv(columns, full.rows);
  };

  const rowDetail = (ref: string) => {
    const member = byRef.get(ref);
    if (!member) return null;
    const drill = memberDrillDown(ref, member.kind);
    return (
      <Typography variant="caption" color="textSecondary" display="block">
        {kindLabel(member.kind)}
        {member.owner ? ` · ${entityDisplayName(member.owner)}` : ''}
        {drill && (
          <>
            {' · '}
            <Link to={drill.to} title={drill.description}>
              {drill.title}
            </Link>
          </>
        )}
      </Typography>
    );
  };

  return (
    <Paper variant="outlined" data-testid="members-table">
      <Box display="flex" alignItems="center" p={2} pb={1}>
        <Box flex={1}>
          <Typography variant="h6" component="h3">
            {heading}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {memberCount !== undefined
              ? `${memberCount} ${
                  memberCount === 1 ? 'entity' : 'entities'
                } counted in the rollup. `
              : ''}
            A name opens its scorecard, a value its history.
          </Typography>
        </Box>
        <CsvExportButton title={heading} csv={exportCsv} />
      </Box>
      <Box px={2}>
        <RollupFilters
          id="scorecards-members"
          state={state}
          onChange={setState}
          kpis={kpis}
          searchLabel="Find an entity"
        >
          <TextField
            select
            id="scorecards-members-kind"
            label="Kind"
            size="small"
            variant="outlined"
            value={memberKind}
            onChange={e => setMemberKind(e.target.value)}
            InputLabelProps={{ shrink: true }}
            SelectProps={{ displayEmpty: true }}
            style={{ minWidth: 140 }}
          >
            <MenuItem value={ALL_KINDS}>All kinds</MenuItem>
            {measuredKinds(kpis).map(k => (
              <MenuItem key={k} value={k}>
                {kindLabel(k)}
              </MenuItem>
            ))}
          </TextField>
        </RollupFilters>
      </Box>
      {page.loading && <Progress />}
      {map && map.rows.length > 0 && (
        <HeatMapTable
          map={map}
          nameHeader="Entity"
          label={heading}
          rowLink={links.entity}
          cellLink={links.kpi}
          rowDetail={rowDetail}
          sort={{
            state,
            onSort: column => setState(sortByColumn(state, column)),
          }}
        />
      )}
      {page.value && rows.length === 0 && (
        <Box p={2} pt={0}>
          <Typography color="textSecondary">
            {state.q.trim() || state.status.length || memberKind
              ? 'No entity matches the search or filter.'
              : `Nothing with KPIs is held by ${title} that you may see.`}
          </Typography>
        </Box>
      )}
      {!page.loading && page.value === undefined && (
        <Box p={2} pt={0}>
          <Typography color="textSecondary">
            {title} is not in the catalog, or you may not see it.
          </Typography>
        </Box>
      )}
      {total > 0 && (
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
  );
};
