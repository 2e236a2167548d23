import {
  Content,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { SloSummary } from '@internal/plugin-journeys-common';
import {
  Box,
  Breadcrumbs,
  Button,
  TextField,
  Typography,
} from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EntityLink,
  ErrorPanel,
  entityTitle,
} from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../../api/JourneysApi';
import { useJourneysLinks } from '../../routes';
import { BudgetRemaining, SeverityChip } from './SloChips';
import {
  formatBurn,
  formatSli,
  formatTarget,
  openSeverity,
  windowText,
} from './SloFigures';

/** The owner filter, kept in the URL (`?owner=group:default/team-orders`). */
function useOwnerFilter(): [string | undefined, (owner: string) => void] {
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') || undefined;
  const setOwner = (next: string) =>
    setParams(
      prev => {
        const p = new URLSearchParams(prev);
        if (next) p.set('owner', next);
        else p.delete('owner');
        return p;
      },
      { replace: true },
    );
  return [owner, setOwner];
}

/** Every objective of every journey, the least budget left first (the server's order). */
export const SloOverviewPage = () => {
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const [owner, setOwner] = useOwnerFilter();
  // The filter's choices come from the unfiltered list, so they stay while one is chosen.
  const everyone = useAsyncRetry(() => api.listSlos(), [api]);
  const ofOwner = useAsyncRetry(
    async () => (owner ? api.listSlos({ owner }) : undefined),
    [api, owner],
  );
  const shown = owner ? ofOwner : everyone;
  const refresh = () => {
    everyone.retry();
    if (owner) ofOwner.retry();
  };

  const owners = [
    ...new Set([
      ...(everyone.value ?? []).map(s => s.owner),
      ...(owner ? [owner] : []),
    ]),
  ].sort((a, b) =>
    entityTitle(a, 'group').localeCompare(entityTitle(b, 'group')),
  );

  const columns: TableColumn<SloSummary>[] = [
    {
      title: 'Journey',
      field: 'journeyTitle',
      highlight: true,
      render: s => <Link to={links.journey(s.journey)}>{s.journeyTitle}</Link>,
    },
    {
      title: 'Objective',
      field: 'objective',
      cellStyle: { minWidth: 180 },
      render: s => (
        // The description is on hover: in the row it made every row tall.
        <div title={s.description}>
          {s.objective}
          <Typography variant="caption" display="block" color="textSecondary">
            {windowText(s.windowMs)}, rolling
          </Typography>
        </div>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: s => <EntityLink entityRef={s.owner} defaultKind="group" />,
    },
    {
      title: 'SLI',
      field: 'sli',
      type: 'numeric',
      render: s => formatSli(s.sli, s.target),
    },
    {
      title: 'Target',
      field: 'target',
      type: 'numeric',
      render: s => formatTarget(s.target),
    },
    {
      title: 'Budget left',
      field: 'budget.remainingFraction',
      type: 'numeric',
      render: s => (
        <BudgetRemaining
          fraction={s.budget.remainingFraction}
          status={s.budgetStatus}
        />
      ),
    },
    {
      title: 'Burn rate (1h)',
      field: 'burnRates.1h',
      type: 'numeric',
      render: s => formatBurn(s.burnRates['1h']),
    },
    {
      title: 'Alert',
      sorting: false,
      render: s => {
        const severity = openSeverity(s.openAlerts);
        return severity ? <SeverityChip severity={severity} /> : '–';
      },
    },
  ];

  const items = shown.value ?? [];
  return (
    <Content>
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <Breadcrumbs aria-label="breadcrumb" style={{ flex: 1 }}>
          <Link to={links.overview()}>Journeys</Link>
          <Typography color="textPrimary">SLOs</Typography>
        </Breadcrumbs>
        <TextField
          select
          label="Owner"
          size="small"
          variant="outlined"
          value={owner ?? ''}
          onChange={e => setOwner(e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'owner' }}
          style={{ minWidth: 220 }}
        >
          <option value="">All owners</option>
          {owners.map(o => (
            <option key={o} value={o}>
              {entityTitle(o, 'group')}
            </option>
          ))}
        </TextField>
        <Button size="small" variant="outlined" onClick={refresh}>
          Refresh
        </Button>
      </Box>
      {shown.loading && !shown.value && <Progress />}
      {shown.error && (
        <ErrorPanel error={shown.error} title="Could not list the SLOs" />
      )}
      {shown.value && (
        <div data-testid="slo-overview">
          <Table<SloSummary>
            title={
              owner
                ? `SLOs of ${entityTitle(
                    owner,
                    'group',
                  )}, least budget left first`
                : 'SLOs, least budget left first'
            }
            options={{
              paging: items.length > 20,
              pageSize: 20,
              pageSizeOptions: [20, 50, 100],
              search: items.length > 5,
              padding: 'dense',
            }}
            columns={columns}
            data={items}
            emptyContent={
              <Typography style={{ padding: 16 }} color="textSecondary">
                {owner
                  ? `No journey of ${entityTitle(
                      owner,
                      'group',
                    )} declares an objective.`
                  : 'No journey declares an objective yet (spec.objectives of a Journey entity).'}
              </Typography>
            }
          />
        </div>
      )}
    </Content>
  );
};
