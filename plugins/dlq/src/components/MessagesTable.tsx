import { Link } from '@backstage/core-components';
import type { FailedMessageSummary } from '@internal/plugin-dlq-common';
import { formatTime } from '@internal/plugin-dlq-react';
import {
  Box,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useDlqLinks } from '../routes';
import { ClassificationChip } from './ClassificationChip';
import { FailureStatusChip } from './common';

/** One page of a queue's dead letters, with a checkbox each and one for the whole page. */
export const MessagesTable = ({
  runtime,
  dlq,
  items,
  selected,
  onSelect,
}: {
  runtime: string;
  dlq: string;
  items: FailedMessageSummary[];
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
}) => {
  const links = useDlqLinks();
  const allOnPage = items.length > 0 && items.every(m => selected.has(m.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <Table size="small" aria-label="messages">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Checkbox
              checked={allOnPage}
              indeterminate={!allOnPage && items.some(m => selected.has(m.id))}
              onChange={() =>
                onSelect(allOnPage ? new Set() : new Set(items.map(m => m.id)))
              }
              inputProps={{
                'aria-label': 'select all on this page',
              }}
            />
          </TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Order / payment</TableCell>
          <TableCell>Error</TableCell>
          <TableCell>Stage</TableCell>
          <TableCell align="right">Attempts</TableCell>
          <TableCell align="right">Replays</TableCell>
          <TableCell>Last failure</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(m => (
          <TableRow key={m.id} hover selected={selected.has(m.id)}>
            <TableCell padding="checkbox">
              <Checkbox
                checked={selected.has(m.id)}
                onChange={() => toggle(m.id)}
                inputProps={{
                  'aria-label': `select ${m.messageId}`,
                }}
              />
            </TableCell>
            <TableCell>
              <Link to={links.message(runtime, dlq, m.id)}>{m.messageId}</Link>
            </TableCell>
            <TableCell>
              {m.orderId ?? '–'}
              {m.paymentId && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {m.paymentId}
                </Typography>
              )}
            </TableCell>
            <TableCell style={{ maxWidth: 360 }}>
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Typography variant="body2">{m.errorClass}</Typography>
                <ClassificationChip classification={m.classification} />
              </Box>
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
                noWrap
                title={m.errorMessage}
              >
                {m.errorMessage}
              </Typography>
            </TableCell>
            <TableCell>{m.stage}</TableCell>
            <TableCell align="right">{m.attempts}</TableCell>
            <TableCell align="right">{m.replayCount}</TableCell>
            <TableCell>{formatTime(m.lastFailureAt)}</TableCell>
            <TableCell>
              <FailureStatusChip status={m.status} />
            </TableCell>
          </TableRow>
        ))}
        {items.length === 0 && (
          <TableRow>
            <TableCell colSpan={9}>
              <Typography color="textSecondary">
                No dead letters match.
              </Typography>
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
};
