import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AuditEntry } from '@internal/plugin-dlq-common';
import {
  Box,
  Breadcrumbs,
  Button,
  Chip,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  AuditFilters,
  EntityLink,
  WRAP,
  dlqApiRef,
  formatTime,
} from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ErrorAlert, ErrorPanel } from './common';

const PAGE_SIZE = 50;
export const AUDIT_CSV_FILENAME = 'dead-letter-audit.csv';

const OUTCOME_COLOURS: Record<AuditEntry['outcome'], string> = {
  succeeded: '#2e7d32',
  failed: '#d32f2f',
  denied: '#ed6c02',
};

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The append-only audit trail: who did what to which dead letters, why, and the outcome. */
export const AuditPage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: Omit<AuditFilters, 'before' | 'limit'> = {
    runtime: searchParams.get('runtime') ?? undefined,
    dlq: searchParams.get('dlq') ?? undefined,
    replayId: searchParams.get('replayId') ?? undefined,
  };
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState<{ key: string; stack: number[] }>({
    key: filterKey,
    stack: [],
  });
  const stack = paging.key === filterKey ? paging.stack : [];
  const before = stack[stack.length - 1];

  const dlqs = useAsync(() => api.listDlqs(), [api]);
  const page = useAsyncRetry(
    () => api.listAudit({ ...filters, before, limit: PAGE_SIZE }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, before],
  );
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();

  const dlqOptions = [
    ...new Set((dlqs.value?.items ?? []).map(d => `${d.runtime}/${d.name}`)),
  ].sort();
  const dlqValue = filters.dlq ? `${filters.runtime ?? ''}/${filters.dlq}` : '';
  const setDlq = (v: string) => {
    const params = new URLSearchParams();
    if (v) {
      const [runtime, ...rest] = v.split('/');
      if (runtime) params.set('runtime', runtime);
      params.set('dlq', rest.join('/'));
    }
    if (filters.replayId) params.set('replayId', filters.replayId);
    setSearchParams(params);
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      download(await api.exportAuditCsv(filters), AUDIT_CSV_FILENAME);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Content>
      <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
        <Link to={links.overview()}>Dead letters</Link>
        <Typography color="textPrimary">Audit trail</Typography>
      </Breadcrumbs>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 12 }}
      >
        <Typography variant="h5" style={{ flex: 1 }}>
          Audit trail
        </Typography>
        <TextField
          select
          size="small"
          variant="outlined"
          label="Queue"
          value={dlqValue}
          onChange={e => setDlq(e.target.value)}
          style={{ minWidth: 260 }}
        >
          <MenuItem value="">all queues</MenuItem>
          {dlqValue && !dlqOptions.includes(dlqValue) && (
            <MenuItem value={dlqValue}>{dlqValue}</MenuItem>
          )}
          {dlqOptions.map(o => (
            <MenuItem key={o} value={o}>
              {o}
            </MenuItem>
          ))}
        </TextField>
        {filters.replayId && (
          <Chip
            label={`replay ${filters.replayId.slice(0, 8)}`}
            onDelete={() => {
              const params = new URLSearchParams(searchParams);
              params.delete('replayId');
              setSearchParams(params);
            }}
          />
        )}
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={exporting}
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </Box>
      {exportError !== undefined && (
        <Box mb={2}>
          <ErrorAlert
            error={exportError}
            onClose={() => setExportError(undefined)}
          />
        </Box>
      )}
      {page.error && (
        <ErrorPanel error={page.error} title="Could not read the audit trail" />
      )}
      {page.loading && <Progress />}
      {page.value && (
        <>
          <TableContainer component={Paper}>
            <Table size="small" aria-label="audit trail">
              <TableHead>
                <TableRow>
                  <TableCell>Time</TableCell>
                  <TableCell>Actor</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Runtime</TableCell>
                  <TableCell>Queue</TableCell>
                  <TableCell>Replay</TableCell>
                  <TableCell align="right">Messages</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell>Outcome</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {page.value.items.map(e => (
                  <TableRow key={e.id}>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      {formatTime(e.at)}
                    </TableCell>
                    <TableCell>
                      <EntityLink entityRef={e.actor} defaultKind="user" />
                    </TableCell>
                    <TableCell>{e.action}</TableCell>
                    <TableCell>{e.runtime}</TableCell>
                    <TableCell>
                      {e.dlq ? (
                        <Link to={links.dlq(e.runtime, e.dlq)}>{e.dlq}</Link>
                      ) : (
                        '–'
                      )}
                    </TableCell>
                    <TableCell>
                      {e.replayId ? (
                        <Link to={links.replay(e.replayId)}>
                          {e.replayId.slice(0, 8)}
                        </Link>
                      ) : (
                        '–'
                      )}
                    </TableCell>
                    <TableCell align="right">{e.messageCount}</TableCell>
                    <TableCell style={WRAP}>{e.reason ?? '–'}</TableCell>
                    <TableCell>
                      <Typography
                        variant="body2"
                        style={{
                          color: OUTCOME_COLOURS[e.outcome],
                          fontWeight: 500,
                        }}
                      >
                        {e.outcome}
                      </Typography>
                      {e.detail && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          display="block"
                          style={WRAP}
                        >
                          {e.detail}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
                {page.value.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={9}>
                      <Typography color="textSecondary">
                        No audit entries.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
          <Box
            display="flex"
            justifyContent="flex-end"
            mt={1}
            style={{ gap: 8 }}
          >
            <Button
              size="small"
              disabled={stack.length === 0}
              onClick={() =>
                setPaging({ key: filterKey, stack: stack.slice(0, -1) })
              }
            >
              Newer
            </Button>
            <Button
              size="small"
              disabled={page.value.nextBefore === null}
              onClick={() =>
                setPaging({
                  key: filterKey,
                  stack: [...stack, page.value!.nextBefore!],
                })
              }
            >
              Older
            </Button>
          </Box>
        </>
      )}
    </Content>
  );
};
