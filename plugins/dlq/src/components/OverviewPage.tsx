import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Button, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ErrorAlert, ErrorPanel } from './common';
import { DlqTable, RuntimeErrors } from './DlqTable';
import { ReplaysTable } from './ReplaysTable';

/** Every dead-letter queue across runtimes, and recent replays. */
export const OverviewPage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const dlqs = useAsyncRetry(() => api.listDlqs({ inflowHours: 24 }), [api]);
  const replays = useAsyncRetry(() => api.listReplays({ limit: 25 }), [api]);
  const awaiting =
    replays.value?.filter(r => r.status === 'awaiting-approval') ?? [];

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid
          item
          xs={12}
          style={{ display: 'flex', alignItems: 'center', gap: 16 }}
        >
          <Typography variant="body1" style={{ flex: 1 }}>
            Dead letters per dead-letter queue. Open a queue to inspect, replay,
            archive or purge its dead letters.
          </Typography>
          <Link to={links.audit()}>Audit trail</Link>
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              dlqs.retry();
              replays.retry();
            }}
          >
            Refresh
          </Button>
        </Grid>
        <Grid item xs={12}>
          {dlqs.loading && !dlqs.value && <Progress />}
          {dlqs.error && (
            <ErrorPanel
              error={dlqs.error}
              title="Could not list dead-letter queues"
            />
          )}
          {dlqs.value && (
            <>
              <RuntimeErrors errors={dlqs.value.errors} />
              <DlqTable items={dlqs.value.items} />
            </>
          )}
        </Grid>
        <Grid item xs={12}>
          {awaiting.length > 0 && (
            <Alert severity="info" style={{ marginBottom: 16 }}>
              {awaiting.length === 1
                ? 'One replay is'
                : `${awaiting.length} replays are`}{' '}
              awaiting approval by a second person.
            </Alert>
          )}
          {replays.loading && !replays.value && <Progress />}
          {replays.error && <ErrorAlert error={replays.error} />}
          {replays.value && (
            <ReplaysTable replays={replays.value} title="Recent replays" />
          )}
        </Grid>
      </Grid>
    </Content>
  );
};
