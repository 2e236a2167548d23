import { parseEntityRef } from '@backstage/catalog-model';
import {
  humanizeEntityRef,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  ArtifactSummary,
  completenessIssues,
  isArtifact,
  summarizeArtifact,
} from '@internal/plugin-integrations-common';
import {
  Chip,
  Grid,
  MenuItem,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useMemo, useState } from 'react';
import { artifactFilter, EXPLORE_FIELDS } from './artifactFilter';
import { OwnerCell } from './OwnerCell';
import { useIntegrationGraph } from './useIntegrationGraph';

type FilterKey = 'type' | 'owner' | 'system' | 'lifecycle' | 'protocol';
const FILTERS: Array<{ key: FilterKey; label: string }> = [
  { key: 'type', label: 'Type' },
  { key: 'owner', label: 'Owner' },
  { key: 'system', label: 'System' },
  { key: 'lifecycle', label: 'Lifecycle' },
  { key: 'protocol', label: 'Protocol' },
];

const valueOf = (a: ArtifactSummary, key: FilterKey) =>
  (key === 'owner' ? a.owner : a[key]) ?? '';

const refList = (refs: string[]) => (
  <Tooltip
    title={
      refs.length
        ? refs.map(r => humanizeEntityRef(parseEntityRef(r))).join(', ')
        : 'none'
    }
  >
    <span>{refs.length}</span>
  </Tooltip>
);

const columns: TableColumn<ArtifactSummary>[] = [
  {
    title: 'Name',
    field: 'title',
    highlight: true,
    render: a => (
      <div>
        <EntityRefLink entityRef={a.ref} title={a.title} />
        {a.description && (
          <Typography
            variant="caption"
            display="block"
            color="textSecondary"
            noWrap
            style={{ maxWidth: 300 }}
          >
            {a.description}
          </Typography>
        )}
      </div>
    ),
  },
  {
    title: 'Type',
    field: 'type',
    render: a => a.type.replace('dead-letter-queue', 'dead letters'),
  },
  {
    title: 'Owner',
    field: 'owner',
    cellStyle: { minWidth: 240 },
    render: a => <OwnerCell owner={a.owner} contact={a.ownerContact} />,
  },
  { title: 'System', field: 'system' },
  {
    title: 'Lifecycle',
    field: 'lifecycle',
    render: a =>
      a.deprecation ? (
        <Chip
          size="small"
          color="secondary"
          label={
            a.deprecation.sunset
              ? `sunset ${a.deprecation.sunset}`
              : 'deprecated'
          }
        />
      ) : (
        a.lifecycle
      ),
  },
  {
    title: 'Producers',
    field: 'producers',
    render: a => refList(a.producers),
    width: '90px',
  },
  {
    title: 'Consumers',
    field: 'consumers',
    render: a => refList(a.consumers),
    width: '90px',
  },
];

/** Search and filter APIs, topics and queues with their owners, producers and consumers. */
export const ExplorePage = () => {
  const catalog = useApi(catalogApiRef);
  const { value, loading, error } = useIntegrationGraph();
  const [selected, setSelected] = useState<Partial<Record<FilterKey, string>>>(
    {},
  );

  const artifacts = useMemo(
    () =>
      value
        ? value.items
            .filter(isArtifact)
            .map(e => summarizeArtifact(e, value.byRef))
            .sort((a, b) => a.title.localeCompare(b.title))
        : [],
    [value],
  );
  const options = useMemo(
    () =>
      Object.fromEntries(
        FILTERS.map(f => [
          f.key,
          [
            ...new Set(artifacts.map(a => valueOf(a, f.key)).filter(Boolean)),
          ].sort(),
        ]),
      ) as Record<FilterKey, string[]>,
    [artifacts],
  );
  // The table asks the catalog for one filtered page at a time (server-side filter, text
  // search, order and paging); the panels above read the whole set once.
  const filter = useMemo(() => artifactFilter(selected), [selected]);
  const issues = useMemo(() => completenessIssues(artifacts), [artifacts]);
  const deprecated = artifacts.filter(a => a.deprecation);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Ownership completeness"
            subheader={`${issues.length} of ${artifacts.length} need attention`}
          >
            {issues.length === 0 ? (
              <Typography>
                Every artifact has an owner, a contact and a runbook.
              </Typography>
            ) : (
              issues.slice(0, 8).map(i => (
                <div key={i.ref} style={{ marginBottom: 8 }}>
                  <EntityRefLink entityRef={i.ref} title={i.title} />
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {i.problems.join('; ')}
                  </Typography>
                </div>
              ))
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Deprecations"
            subheader="sunset dates and who still depends on them"
          >
            {deprecated.length === 0 ? (
              <Typography>Nothing deprecated.</Typography>
            ) : (
              deprecated.map(a => (
                <div key={a.ref} style={{ marginBottom: 8 }}>
                  <EntityRefLink entityRef={a.ref} title={a.title} />
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {a.deprecation?.sunset
                      ? `sunset ${a.deprecation.sunset}`
                      : 'no sunset date'}
                    {a.deprecation?.replacement
                      ? ` · use ${a.deprecation.replacement}`
                      : ''}{' '}
                    · {a.consumers.length} consumer
                    {a.consumers.length === 1 ? '' : 's'} still on it
                  </Typography>
                </div>
              ))
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Grid container spacing={2}>
            {FILTERS.map(f => (
              <Grid item key={f.key} xs={6} sm={4} md={2}>
                <TextField
                  select
                  fullWidth
                  size="small"
                  variant="outlined"
                  label={f.label}
                  value={selected[f.key] ?? ''}
                  onChange={e =>
                    setSelected(s => ({
                      ...s,
                      [f.key]: e.target.value || undefined,
                    }))
                  }
                >
                  <MenuItem value="">all</MenuItem>
                  {options[f.key].map(o => (
                    <MenuItem key={o} value={o}>
                      {f.key === 'owner'
                        ? o.replace(/^group:default\//, '')
                        : o}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
            ))}
          </Grid>
        </Grid>
        <Grid item xs={12}>
          <Table<ArtifactSummary>
            key={JSON.stringify(filter)}
            title="APIs, topics and queues"
            options={{
              paging: true,
              pageSize: 20,
              pageSizeOptions: [20, 50, 100],
              search: true,
              debounceInterval: 300,
              padding: 'dense',
            }}
            columns={columns}
            data={async query => {
              const page = await catalog.queryEntities({
                filter,
                fields: EXPLORE_FIELDS,
                limit: query.pageSize,
                offset: query.page * query.pageSize,
                orderFields: { field: 'metadata.name', order: 'asc' },
                fullTextFilter: query.search
                  ? {
                      term: query.search,
                      fields: ['metadata.name', 'metadata.title'],
                    }
                  : undefined,
              });
              return {
                data: page.items.map(e => summarizeArtifact(e, value!.byRef)),
                page: query.page,
                totalCount: page.totalItems,
              };
            }}
          />
        </Grid>
      </Grid>
    </Content>
  );
};
