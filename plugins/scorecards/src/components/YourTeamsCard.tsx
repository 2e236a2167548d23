import { Link, Progress } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import type {
  AggregateRowResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { useScorecardsLinks } from '../routes';
import { worstKpis } from '../shaping/yourTeams';
import { StatusChip } from './StatusChip';
import { STATUS_COLOUR } from './statusColours';

/** The route takes at most this many entity refs. */
const MAX_TEAMS = 100;

const TeamRow = ({
  row,
  kpis,
}: {
  row: AggregateRowResponse;
  kpis: KpiResponse[];
}) => {
  const links = useScorecardsLinks();
  const worst = worstKpis(row, kpis, 3);
  return (
    <ListItem
      disableGutters
      divider
      data-testid={`your-team-${row.entityRef}`}
      style={{ alignItems: 'flex-start' }}
    >
      <ListItemText
        disableTypography
        primary={
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Typography variant="subtitle1" component="span">
              <Link to={links.entity(row.entityRef)}>{row.title}</Link>
            </Typography>
            <StatusChip status={row.status ?? 'grey'} />
            {row.score !== undefined && (
              <Typography variant="body2" component="span">
                score {Math.round(row.score)}
              </Typography>
            )}
            <Typography variant="caption" color="textSecondary">
              {row.memberCount} {row.memberCount === 1 ? 'entity' : 'entities'}
            </Typography>
          </Box>
        }
        secondary={
          worst.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {row.items.length ? 'Every KPI on target.' : 'No snapshot yet.'}
            </Typography>
          ) : (
            <Box component="ul" m={0} mt={0.5} pl={2}>
              {worst.map(w => (
                <Typography
                  key={w.kpiId}
                  component="li"
                  variant="body2"
                  data-testid="worst-kpi"
                >
                  <Link
                    to={links.kpi(row.entityRef, w.kpiId)}
                    style={{ color: STATUS_COLOUR[w.status] }}
                  >
                    {w.title}
                  </Link>{' '}
                  {w.valueText}
                  {w.membersText && (
                    <Typography
                      component="span"
                      variant="caption"
                      color="textSecondary"
                    >
                      {' '}
                      ({w.membersText})
                    </Typography>
                  )}
                </Typography>
              ))}
            </Box>
          )
        }
      />
    </ListItem>
  );
};

/**
 * "Your teams' scorecards" for the home page: the viewer's teams (the groups among their
 * ownership refs) with their rolled-up status, score and worst KPIs, worst team first,
 * from one /aggregations request.
 */
export const YourTeamsCardContent = () => {
  const identityApi = useApi(identityApiRef);
  const api = useApi(scorecardsApiRef);
  const links = useScorecardsLinks();
  const data = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const teams = ownershipEntityRefs
      .filter(ref => {
        try {
          return (
            parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group'
          );
        } catch {
          return false;
        }
      })
      .slice(0, MAX_TEAMS);
    if (!teams.length) return { teams, rows: [], kpis: [] };
    const [page, kpis] = await Promise.all([
      api.listAggregations({
        kind: 'group',
        entityRefs: teams,
        sort: 'status',
        order: 'desc',
        limit: teams.length,
      }),
      api.listKpis(),
    ]);
    return { teams, rows: page.items, kpis };
  }, [identityApi, api]);

  if (data.error)
    return <ErrorPanel error={data.error} title="Your teams' scorecards" />;
  if (data.loading || !data.value) return <Progress />;
  const { teams, rows, kpis } = data.value;
  return (
    <Box data-testid="your-teams-scorecards">
      {teams.length === 0 && (
        <Typography color="textSecondary">
          You are not a member of a team in the catalog.
        </Typography>
      )}
      {teams.length > 0 && rows.length === 0 && (
        <Typography color="textSecondary">
          None of your teams has a scorecard you may see.
        </Typography>
      )}
      {rows.length > 0 && (
        <List dense disablePadding>
          {rows.map(row => (
            <TeamRow key={row.entityRef} row={row} kpis={kpis} />
          ))}
        </List>
      )}
      <Box mt={1}>
        <Link to={links.overview()}>Every team's scorecard</Link>
      </Box>
    </Box>
  );
};
