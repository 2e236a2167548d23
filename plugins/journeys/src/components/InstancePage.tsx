import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { InstanceDetail } from '@internal/plugin-journeys-common';
import {
  Box,
  Breadcrumbs,
  Button,
  Chip,
  Grid,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  ErrorPanel,
  entityTitle,
  formatTime,
} from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../api/JourneysApi';
import { useJourneysLinks } from '../routes';
import { DeadLetterRecords } from './DeadLetterRecords';
import { formatMs, shortId } from './format';
import { InstanceStatusChip } from './InstanceStatusChip';
import { SpanRef, Waterfall } from './waterfall/Waterfall';

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <Grid item xs={12} sm={6} md={4} lg={3}>
    <Typography variant="caption" color="textSecondary" display="block">
      {label}
    </Typography>
    <Typography variant="body2" component="div">
      {children}
    </Typography>
  </Grid>
);

const Summary = ({
  detail,
  onShowSpan,
}: {
  detail: InstanceDetail;
  onShowSpan: (s: SpanRef) => void;
}) => {
  const links = useJourneysLinks();
  const { instance } = detail;
  const keys = Object.entries(instance.businessKeys ?? {});
  return (
    <InfoCard title="Summary">
      <Grid container spacing={2} data-testid="instance-summary">
        <Fact label="Journey">
          {instance.journey ? (
            <Link to={links.journey(instance.journey)}>
              {entityTitle(instance.journey, 'journey')}
            </Link>
          ) : (
            <Typography variant="body2" color="textSecondary">
              no journey recognised
            </Typography>
          )}
        </Fact>
        <Fact label="Status">
          <InstanceStatusChip status={instance.status} />
        </Fact>
        <Fact label="Started">{formatTime(instance.startedAt)}</Fact>
        <Fact label="Duration (own run)">{formatMs(instance.durationMs)}</Fact>
        {instance.recoveryMs !== undefined && (
          <Fact label="First failure → recovered">
            {formatMs(instance.timeToFirstFailureMs ?? 0)} →{' '}
            {formatMs(instance.recoveryMs)} later, by replay
          </Fact>
        )}
        <Fact label="Traces / spans / errors">
          {instance.traceCount} / {instance.spanCount} /{' '}
          <span
            style={
              instance.errorCount
                ? { color: '#d32f2f', fontWeight: 500 }
                : undefined
            }
          >
            {instance.errorCount}
          </span>
        </Fact>
        <Fact label="Services">
          {instance.services.map(s => (
            <Chip
              key={s}
              size="small"
              label={s}
              style={{ margin: '0 4px 4px 0' }}
            />
          ))}
        </Fact>
        <Fact label="Business keys">
          {keys.length === 0
            ? '–'
            : keys.map(([k, v]) => (
                <div key={k}>
                  <Typography variant="caption" color="textSecondary">
                    {k}
                  </Typography>{' '}
                  <strong>{v}</strong>
                </div>
              ))}
        </Fact>
        <Fact label="Instance id">
          <code>{instance.id}</code>
        </Fact>
        {instance.failingStep && (
          <Grid item xs={12}>
            <Alert
              severity={instance.status === 'stuck' ? 'warning' : 'error'}
              data-testid="failing-step"
              action={
                <Button
                  size="small"
                  color="inherit"
                  onClick={() =>
                    onShowSpan({
                      traceId: instance.failingStep!.traceId,
                      spanId: instance.failingStep!.spanId,
                    })
                  }
                >
                  Show span
                </Button>
              }
            >
              {instance.status === 'stuck' ? 'Stuck after' : 'Root cause:'}{' '}
              <strong>{instance.failingStep.service}</strong> ·{' '}
              {instance.failingStep.name}
              {instance.failingStep.httpStatus !== undefined && (
                <> · HTTP {instance.failingStep.httpStatus}</>
              )}
              {instance.failingStep.rpcStatus !== undefined && (
                <> · RPC status {instance.failingStep.rpcStatus}</>
              )}
              {instance.failingStep.destination && (
                <> · {instance.failingStep.destination}</>
              )}
              {instance.failingStep.message && (
                <>: {instance.failingStep.message}</>
              )}
            </Alert>
          </Grid>
        )}
        {instance.recoveredSteps?.length ? (
          <Grid item xs={12}>
            <Alert severity="info" data-testid="recovered-steps">
              {instance.recoveredSteps.map(r => (
                <div key={`${r.service} ${r.name}`}>
                  <strong>{r.service}</strong> · {r.name}: recovered after{' '}
                  {r.attempts} attempts
                  {r.byReplay && ' (the last one a replay)'}
                </div>
              ))}
            </Alert>
          </Grid>
        ) : null}
        <Grid item xs={12}>
          <DeadLetterRecords detail={detail} />
        </Grid>
      </Grid>
    </InfoCard>
  );
};

/** One journey instance: what happened, and every span of every trace on one time axis. */
export const InstancePage = () => {
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const { id = '' } = useParams();
  const detail = useAsync(() => api.getInstance(id), [api, id]);
  const [selected, setSelected] = useState<SpanRef | null>(null);
  const instance = detail.value?.instance;

  const crumbs = (
    <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 16 }}>
      <Link to={links.overview()}>Journeys</Link>
      {instance?.journey && (
        <Link to={links.journey(instance.journey)}>
          {entityTitle(instance.journey, 'journey')}
        </Link>
      )}
      <Typography color="textPrimary">instance {shortId(id, 12)}</Typography>
    </Breadcrumbs>
  );
  if (!detail.value) {
    return (
      <Content>
        {crumbs}
        {detail.error ? (
          <ErrorPanel
            error={detail.error}
            title="Could not read the journey instance"
          />
        ) : (
          <Progress />
        )}
      </Content>
    );
  }
  return (
    <Content>
      {crumbs}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Summary detail={detail.value} onShowSpan={setSelected} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Waterfall"
            subheader="Every trace of the instance on one time axis; click a span for its details."
          >
            {detail.value.truncated && (
              <Box mb={1}>
                <Alert severity="warning" data-testid="truncated">
                  The instance has more spans than the server returns (
                  {detail.value.spans.length} shown of{' '}
                  {detail.value.instance.spanCount}); the waterfall is
                  incomplete.
                </Alert>
              </Box>
            )}
            <Waterfall
              detail={detail.value}
              selected={selected}
              onSelect={setSelected}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
};
