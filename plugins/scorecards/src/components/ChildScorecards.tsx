import { Progress } from '@backstage/core-components';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { KpiResponse } from '@internal/plugin-scorecards-common';
import { Box, Paper, TablePagination, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { catalogTitle, kindLabel } from '../shaping/entityNames';
import {
  buildHeatMap,
  heatMapCsvColumns,
  sortWorstFirst,
} from '../shaping/heatMap';
import { tableToCsv } from '../shaping/tableCsv';
import { CsvExportButton } from './CsvExportButton';
import { ErrorPanel } from './ErrorPanel';
import { HeatMapTable } from './HeatMapTable';

const PER_PAGE = 25;
const CONCURRENCY = 8;

/** What a team owns (and its sub-teams), or what a system contains, as catalog filters. */
function childFilter(entityRef: string): Array<Record<string, string>> {
  const kind = parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  if (kind === 'group') {
    return [
      { 'relations.ownedBy': entityRef },
      { kind: 'group', 'relations.childOf': entityRef },
    ];
  }
  return [{ 'relations.partOf': entityRef }];
}

const label = (e: Entity) =>
  `${catalogTitle(e)} (${kindLabel(e.kind).toLocaleLowerCase('en-US')})`;

/**
 * The scorecards of what a team owns and of its sub-teams, or of a system's parts, worst
 * first: only kinds some KPI is measured on, so components without KPIs do not crowd it.
 */
export const ChildScorecards = ({
  entityRef,
  title,
  kindLabel: parentKind,
  kpis,
}: {
  entityRef: string;
  title: string;
  kindLabel: string;
  kpis: KpiResponse[];
}) => {
  const api = useApi(scorecardsApiRef);
  const catalog = useApi(catalogApiRef);
  const links = useScorecardsLinks();
  const [page, setPage] = useState(0);

  const children = useAsync(async () => {
    const scored = new Set([
      'group',
      ...kpis.flatMap(k =>
        k.entityKinds.map(x => x.toLocaleLowerCase('en-US')),
      ),
    ]);
    const { items } = await catalog.getEntities({
      filter: childFilter(entityRef),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    const entities = items.filter(e =>
      scored.has(e.kind.toLocaleLowerCase('en-US')),
    );
    const inputs = [];
    for (let i = 0; i < entities.length; i += CONCURRENCY) {
      const chunk = entities.slice(i, i + CONCURRENCY);
      const cards = await Promise.all(
        chunk.map(e => api.getEntityScorecard(stringifyEntityRef(e))),
      );
      inputs.push(
        ...chunk.map((e, j) => ({
          entityRef: stringifyEntityRef(e),
          name: label(e),
          scorecard: cards[j],
        })),
      );
    }
    const map = buildHeatMap(kpis, inputs, 'journey');
    return { ...map, rows: sortWorstFirst(map.rows) };
  }, [api, catalog, entityRef, kpis]);

  const heading =
    parentKind === 'Team' ? `Owned by ${title}` : `Part of ${title}`;
  if (children.error)
    return <ErrorPanel error={children.error} title={heading} />;
  if (children.loading) return <Progress />;
  const map = children.value!;
  return (
    <Paper variant="outlined">
      <Box display="flex" alignItems="center" p={2}>
        <Box flex={1}>
          <Typography variant="h6" component="h3">
            {heading}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Worst first. A name opens its scorecard, a value its history.
          </Typography>
        </Box>
        {map.rows.length > 0 && (
          <CsvExportButton
            title={heading}
            csv={() => tableToCsv(heatMapCsvColumns(map, 'Name'), map.rows)}
          />
        )}
      </Box>
      {map.rows.length === 0 ? (
        <Box p={2} pt={0}>
          <Typography color="textSecondary">
            Nothing with KPIs is{' '}
            {parentKind === 'Team' ? 'owned by' : 'part of'} {title} in the
            catalog.
          </Typography>
        </Box>
      ) : (
        <>
          <HeatMapTable
            map={{
              ...map,
              rows: map.rows.slice(page * PER_PAGE, (page + 1) * PER_PAGE),
            }}
            nameHeader="Name"
            label={heading}
            rowLink={links.entity}
            cellLink={links.kpi}
          />
          {map.rows.length > PER_PAGE && (
            <TablePagination
              component="div"
              count={map.rows.length}
              page={page}
              rowsPerPage={PER_PAGE}
              rowsPerPageOptions={[PER_PAGE]}
              onPageChange={(_, p) => setPage(p)}
            />
          )}
        </>
      )}
    </Paper>
  );
};
