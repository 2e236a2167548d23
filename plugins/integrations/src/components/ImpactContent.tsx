import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { toCsv } from '@internal/csv';
import {
  ImpactRow,
  impactOf,
  summarizeArtifact,
} from '@internal/plugin-integrations-common';
import {
  Button,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useMemo, useState } from 'react';
import { OwnerCell } from './OwnerCell';
import { useIntegrationGraph } from './useIntegrationGraph';

const columns: TableColumn<ImpactRow>[] = [
  { title: 'Hop', field: 'hop', width: '60px' },
  {
    title: 'Affected component',
    field: 'ref',
    render: r => <EntityRefLink entityRef={r.ref} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: r => <OwnerCell owner={r.owner} contact={r.ownerContact} />,
  },
  {
    title: 'Through',
    field: 'via',
    render: r => <EntityRefLink entityRef={r.via} />,
  },
];

function download(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Who is affected if this API, topic or queue changes: consumers N hops out. */
export const ImpactContent = () => {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useIntegrationGraph();
  const [hops, setHops] = useState(3);
  const rows = useMemo(
    () => (value ? impactOf(ref, value.byRef, hops) : []),
    [value, ref, hops],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const self = value?.byRef.get(ref);
  const summary = self ? summarizeArtifact(self, value!.byRef) : undefined;

  return (
    <Grid container spacing={3}>
      {summary?.deprecation && (
        <Grid item xs={12}>
          <InfoCard title="Deprecated">
            <Typography>
              {summary.deprecation.sunset
                ? `Sunset on ${summary.deprecation.sunset}. `
                : 'No sunset date yet. '}
              {summary.deprecation.replacement
                ? `Use ${summary.deprecation.replacement} instead. `
                : ''}
              {summary.consumers.length} consumer
              {summary.consumers.length === 1 ? ' is' : 's are'} still on it.
            </Typography>
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <Table<ImpactRow>
          title={`Affected if ${
            entity.metadata.title ?? entity.metadata.name
          } changes (${rows.length})`}
          subtitle="Consumers, then the consumers of what they provide or publish"
          options={{
            paging: rows.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
          }}
          columns={columns}
          data={rows}
          actions={[]}
          components={{
            Toolbar: (props: any) => (
              <div
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 16,
                  padding: '16px 16px 0',
                }}
              >
                <Typography variant="h5" style={{ flexGrow: 1 }}>
                  {props.title}
                </Typography>
                <TextField
                  select
                  size="small"
                  variant="outlined"
                  label="Hops"
                  value={hops}
                  onChange={e => setHops(Number(e.target.value))}
                >
                  {[1, 2, 3, 4, 5].map(n => (
                    <MenuItem key={n} value={n}>
                      {n}
                    </MenuItem>
                  ))}
                </TextField>
                <Button
                  variant="outlined"
                  startIcon={<GetAppIcon />}
                  onClick={() =>
                    download(
                      `impact-${entity.metadata.name}.csv`,
                      toCsv(
                        [
                          'hop',
                          'component',
                          'owner',
                          'email',
                          'chat',
                          'through',
                        ],
                        rows.map(r => [
                          r.hop,
                          r.ref,
                          r.owner,
                          r.ownerContact.email,
                          r.ownerContact.chat,
                          r.via,
                        ]),
                      ),
                    )
                  }
                >
                  Export CSV
                </Button>
              </div>
            ),
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>Nobody consumes it.</Typography>
          }
        />
      </Grid>
    </Grid>
  );
};
