import { Content, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type {
  EntityScorecardResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import {
  Box,
  Paper,
  TablePagination,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { type ScorecardsApi, scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { catalogTitle } from '../shaping/entityNames';
import { buildHeatMap, heatMapCsvColumns } from '../shaping/heatMap';
import { tableToCsv } from '../shaping/tableCsv';
import { CsvExportButton } from './CsvExportButton';
import { ErrorPanel } from './ErrorPanel';
import { HeatMapTable } from './HeatMapTable';

/** Teams on one page of the heat map; each needs a request for its scorecard. */
export const TEAMS_PER_PAGE = 25;
/** Requests in flight at once when the export loads every team. */
const EXPORT_CONCURRENCY = 8;

interface Team {
  entityRef: string;
  name: string;
}

async function scorecardsOf(
  api: ScorecardsApi,
  teams: Team[],
): Promise<Array<EntityScorecardResponse | undefined>> {
  const out: Array<EntityScorecardResponse | undefined> = [];
  for (let i = 0; i < teams.length; i += EXPORT_CONCURRENCY) {
    out.push(
      ...(await Promise.all(
        teams
          .slice(i, i + EXPORT_CONCURRENCY)
          .map(t => api.getEntityScorecard(t.entityRef)),
      )),
    );
  }
  return out;
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

/** Every team × the KPIs they report, coloured by status: where to look first. */
export const OrganisationOverviewPage = () => {
  const api = useApi(scorecardsApiRef);
  const catalog = useApi(catalogApiRef);
  const links = useScorecardsLinks();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);

  const teams = useAsync(async (): Promise<Team[]> => {
    const { items } = await catalog.getEntities({
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(e => ({ entityRef: stringifyEntityRef(e), name: catalogTitle(e) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
  }, [catalog]);
  const kpis = useAsync(() => api.listKpis(), [api]);

  const matching = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('en-US');
    const all = teams.value ?? [];
    if (!q) return all;
    return all.filter(
      t =>
        t.name.toLocaleLowerCase('en-US').includes(q) ||
        t.entityRef.includes(q),
    );
  }, [teams.value, query]);
  const visible = matching.slice(
    page * TEAMS_PER_PAGE,
    (page + 1) * TEAMS_PER_PAGE,
  );
  const visibleKey = visible.map(t => t.entityRef).join(' ');
  const scorecards = useAsync(
    () => scorecardsOf(api, visible),
    // visible is a new array each render; its refs say when it changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, visibleKey],
  );

  const error = teams.error ?? kpis.error ?? scorecards.error;
  if (error) return <ErrorPanel error={error} title="Scorecards" />;

  const heatMap = (
    kpiList: KpiResponse[],
    shown: Team[],
    cards: Array<EntityScorecardResponse | undefined>,
  ) =>
    buildHeatMap(
      kpiList,
      shown.map((t, i) => ({ ...t, scorecard: cards[i] })),
    );

  const exportCsv = async () => {
    const map = heatMap(
      kpis.value ?? [],
      matching,
      await scorecardsOf(api, matching),
    );
    return tableToCsv(heatMapCsvColumns(map), map.rows);
  };

  const loading = teams.loading || kpis.loading || scorecards.loading;
  const map =
    kpis.value && scorecards.value && !scorecards.loading
      ? heatMap(kpis.value, visible, scorecards.value)
      : undefined;
  const day = scorecards.value?.find(s => s?.items.length)?.day;

  return (
    <Content>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={2}>
        <Box flex={1}>
          <Typography variant="h5" component="h2">
            Organisation overview
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Every team and the KPIs of what it owns
            {day ? `, values of ${dayText(day)} (UTC)` : ''}. Pick a team for
            its journeys and trends, a value for its history.
          </Typography>
        </Box>
        <TextField
          id="scorecards-find-team"
          label="Find a team"
          size="small"
          variant="outlined"
          value={query}
          onChange={e => {
            setQuery(e.target.value);
            setPage(0);
          }}
          style={{ marginRight: 16 }}
        />
        <CsvExportButton title="Scorecards by team" csv={exportCsv} />
      </Box>
      {kpis.value && kpis.value.length === 0 && (
        <Alert severity="info">
          No KPIs are defined yet: the scorecards backend has no metric
          providers installed.
        </Alert>
      )}
      {teams.value && teams.value.length === 0 && (
        <Alert severity="info">There are no teams in the catalog yet.</Alert>
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
        {loading && <Progress />}
        {map && map.rows.length > 0 && (
          <HeatMapTable
            map={map}
            nameHeader="Team"
            label="KPIs by team"
            rowLink={links.entity}
            cellLink={links.kpi}
          />
        )}
        {teams.value && teams.value.length > 0 && matching.length === 0 && (
          <Box p={2}>
            <Typography color="textSecondary">
              No team matches “{query}”.
            </Typography>
          </Box>
        )}
        {matching.length > TEAMS_PER_PAGE && (
          <TablePagination
            component="div"
            count={matching.length}
            page={page}
            rowsPerPage={TEAMS_PER_PAGE}
            rowsPerPageOptions={[TEAMS_PER_PAGE]}
            onPageChange={(_, p) => setPage(p)}
          />
        )}
      </Paper>
    </Content>
  );
};
