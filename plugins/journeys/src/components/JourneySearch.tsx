import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { SearchResult } from '@internal/plugin-journeys-common';
import {
  Button,
  InputAdornment,
  LinearProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { Alert } from '@material-ui/lab';
import { FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  ErrorAlert,
  entityTitle,
  formatTime,
} from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../api/JourneysApi';
import { useJourneysLinks } from '../routes';
import { formatMs, shortId } from './format';
import { InstanceStatusChip } from './InstanceStatusChip';

const MATCH_LABELS: Record<
  SearchResult['matches'][number]['matchedBy'],
  string
> = {
  'business-key': 'business key',
  'trace-id': 'trace id',
  'message-id': 'message id',
  'instance-id': 'instance id',
};

/** Several instances matched: let the engineer pick one. */
const SearchMatches = ({ result }: { result: SearchResult }) => {
  const links = useJourneysLinks();
  return (
    <Paper variant="outlined" style={{ marginTop: 8 }}>
      <Typography variant="subtitle2" style={{ padding: '8px 16px 0' }}>
        {result.matches.length} journey instances match “{result.query}”
      </Typography>
      <Table size="small" aria-label="search matches">
        <TableHead>
          <TableRow>
            <TableCell>Instance</TableCell>
            <TableCell>Journey</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Matched by</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.matches.map(m => (
            <TableRow key={m.instance.id} data-testid="search-match">
              <TableCell>
                <Link
                  to={links.instance(m.instance.id)}
                  style={{ fontFamily: 'monospace' }}
                >
                  {shortId(m.instance.id, 12)}
                </Link>
              </TableCell>
              <TableCell>
                {m.instance.journey ? (
                  <Link to={links.journey(m.instance.journey)}>
                    {entityTitle(m.instance.journey, 'journey')}
                  </Link>
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    no journey recognised
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <InstanceStatusChip status={m.instance.status} />
              </TableCell>
              <TableCell>{formatTime(m.instance.startedAt)}</TableCell>
              <TableCell>{formatMs(m.instance.durationMs)}</TableCell>
              <TableCell>
                {MATCH_LABELS[m.matchedBy] ?? m.matchedBy}
                {m.key && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {m.key}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
};

/**
 * One box for whatever id the on-call engineer has at hand: an order id (any business key),
 * a trace id or a message id. One match opens the instance straight away. `?q=` searches on
 * arrival, so other pages (a dead letter's "Open trace") can link by trace id.
 */
export const JourneySearch = () => {
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initial = params.get('q')?.trim() ?? '';
  const [query, setQuery] = useState(initial);
  const [state, search] = useAsyncFn(
    async (q: string) => {
      const result = await api.search(q);
      if (result.matches.length === 1)
        navigate(links.instance(result.matches[0].instance.id));
      return { ...result, query: result.query || q };
    },
    [api, navigate, links.instance],
  );

  useEffect(() => {
    if (initial) search(initial);
  }, [initial, search]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (q) search(q);
  };

  const result = state.value;
  return (
    <div>
      <form
        onSubmit={onSubmit}
        role="search"
        style={{ display: 'flex', gap: 8, alignItems: 'center' }}
      >
        <TextField
          fullWidth
          variant="outlined"
          placeholder="Order id, trace id or message id"
          value={query}
          onChange={e => setQuery(e.target.value)}
          inputProps={{
            'data-testid': 'journey-search',
            'aria-label': 'Order id, trace id or message id',
          }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={!query.trim() || state.loading}
        >
          Find
        </Button>
      </form>
      {state.loading && <LinearProgress style={{ marginTop: 4 }} />}
      {state.error && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={state.error} title="Search failed" />
        </div>
      )}
      {!state.loading && result && result.matches.length === 0 && (
        <Alert
          severity="info"
          style={{ marginTop: 8 }}
          data-testid="search-no-match"
        >
          No journey instance found for “{result.query}”. Instances older than
          the span retention are gone; check the id, or try the trace id or
          message id instead.
        </Alert>
      )}
      {!state.loading && result && result.matches.length > 1 && (
        <SearchMatches result={result} />
      )}
    </div>
  );
};
