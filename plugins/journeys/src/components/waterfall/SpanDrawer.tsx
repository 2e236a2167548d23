import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AttributeValue,
  SpanDetail,
  WaterfallSpan,
} from '@internal/plugin-journeys-common';
import {
  Box,
  Button,
  Chip,
  Divider,
  Drawer,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ErrorAlert } from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../../api/JourneysApi';
import { formatUs } from '../format';
import { ERROR_COLOUR } from './serviceColour';

export const SPAN_KINDS = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];
const STATUSES = ['unset', 'ok', 'error'];

const value = (v: AttributeValue) =>
  typeof v === 'string' ? v : JSON.stringify(v);

const Attributes = ({
  title,
  attributes,
}: {
  title: string;
  attributes: Record<string, AttributeValue>;
}) => {
  const entries = Object.entries(attributes ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{title}</Typography>
      {entries.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableBody>
            {entries.map(([k, v]) => (
              <TableRow key={k}>
                <TableCell
                  component="th"
                  style={{
                    width: '40%',
                    fontFamily: 'monospace',
                    verticalAlign: 'top',
                  }}
                >
                  {k}
                </TableCell>
                <TableCell
                  style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
                >
                  {value(v)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

const Line = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box display="flex" mb={0.5}>
    <Typography
      variant="body2"
      color="textSecondary"
      style={{ width: 110, flexShrink: 0 }}
    >
      {label}
    </Typography>
    <Typography
      variant="body2"
      component="div"
      style={{ wordBreak: 'break-all' }}
    >
      {children}
    </Typography>
  </Box>
);

const Details = ({
  detail,
  instanceStartUs,
  isInInstance,
  onSelectSpan,
}: {
  detail: SpanDetail;
  instanceStartUs: number;
  isInInstance: (s: { traceId: string; spanId: string }) => boolean;
  onSelectSpan: (s: { traceId: string; spanId: string }) => void;
}) => (
  <>
    <Line label="Service">{detail.service}</Line>
    <Line label="Kind">{SPAN_KINDS[detail.kind] ?? detail.kind}</Line>
    <Line label="Status">
      <span
        style={
          detail.status === 2
            ? { color: ERROR_COLOUR, fontWeight: 500 }
            : undefined
        }
      >
        {STATUSES[detail.status] ?? detail.status}
      </span>
    </Line>
    <Line label="Start">
      +{formatUs(detail.startUs - instanceStartUs)} into the instance
    </Line>
    <Line label="Duration">{formatUs(detail.durationUs)}</Line>
    <Line label="Trace id">
      <code>{detail.traceId}</code>
    </Line>
    <Line label="Span id">
      <code>{detail.spanId}</code>
    </Line>
    {detail.parentSpanId && (
      <Line label="Parent">
        <code>{detail.parentSpanId}</code>
      </Line>
    )}
    {detail.scope && <Line label="Scope">{detail.scope}</Line>}
    {detail.statusMessage && (
      <Alert
        severity={detail.status === 2 ? 'error' : 'info'}
        style={{ marginTop: 8 }}
        data-testid="span-status-message"
      >
        {detail.statusMessage}
      </Alert>
    )}
    <Attributes title="Attributes" attributes={detail.attributes} />
    <Attributes title="Resource" attributes={detail.resource} />
    <Box mt={2}>
      <Typography variant="subtitle2">Events</Typography>
      {(detail.events ?? []).length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      ) : (
        detail.events.map((e, i) => (
          <Box key={i} mt={1}>
            <Typography variant="body2">
              <strong
                style={
                  e.name === 'exception' ? { color: ERROR_COLOUR } : undefined
                }
              >
                {e.name}
              </strong>{' '}
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                +{formatUs(e.timeUs - detail.startUs)} into the span
              </Typography>
            </Typography>
            {Object.keys(e.attributes ?? {}).length > 0 && (
              <Attributes
                title={`${e.name} attributes`}
                attributes={e.attributes}
              />
            )}
          </Box>
        ))
      )}
    </Box>
    <Box mt={2}>
      <Typography variant="subtitle2">Links</Typography>
      {(detail.links ?? []).length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none
        </Typography>
      ) : (
        detail.links.map((l, i) => (
          <Box key={`${l.traceId}:${l.spanId}`} mt={1}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <code style={{ fontSize: 12 }}>
                {l.traceId}:{l.spanId}
              </code>
              {isInInstance(l) && (
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => onSelectSpan(l)}
                >
                  Show linked span
                </Button>
              )}
            </Box>
            {detail.linkAttributes?.[i] &&
              Object.keys(detail.linkAttributes[i]).length > 0 && (
                <Attributes
                  title="Link attributes"
                  attributes={detail.linkAttributes[i]}
                />
              )}
          </Box>
        ))
      )}
    </Box>
  </>
);

interface SpanDrawerProps {
  span: WaterfallSpan | null;
  instanceStartUs: number;
  onClose: () => void;
  isInInstance: (s: { traceId: string; spanId: string }) => boolean;
  onSelectSpan: (s: { traceId: string; spanId: string }) => void;
}

const SpanPanel = ({
  span,
  instanceStartUs,
  onClose,
  isInInstance,
  onSelectSpan,
}: SpanDrawerProps & { span: WaterfallSpan }) => {
  const api = useApi(journeysApiRef);
  const detail = useAsync(
    () => api.getSpan(span.traceId, span.spanId),
    [api, span.traceId, span.spanId],
  );
  return (
    <>
      <Box display="flex" alignItems="flex-start">
        <Box flex={1}>
          <Typography variant="h6" style={{ wordBreak: 'break-word' }}>
            {span.name}
          </Typography>
          <Chip size="small" label={span.service} style={{ marginRight: 4 }} />
          <Chip
            size="small"
            variant="outlined"
            label={SPAN_KINDS[span.kind] ?? span.kind}
          />
        </Box>
        <IconButton
          aria-label="close span details"
          onClick={onClose}
          size="small"
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <Divider style={{ margin: '12px 0' }} />
      {detail.loading && <Progress />}
      {detail.error && (
        <ErrorAlert error={detail.error} title="Could not read the span" />
      )}
      {detail.value && (
        <Details
          detail={detail.value}
          instanceStartUs={instanceStartUs}
          isInInstance={isInInstance}
          onSelectSpan={onSelectSpan}
        />
      )}
    </>
  );
};

/** Everything about one span, read from GET /spans/:traceId/:spanId when it opens. */
export const SpanDrawer = (props: SpanDrawerProps) => (
  <Drawer anchor="right" open={!!props.span} onClose={props.onClose}>
    <Box
      width={560}
      maxWidth="100vw"
      p={2}
      role="region"
      aria-label="span details"
      data-testid="span-drawer"
    >
      {props.span && <SpanPanel {...props} span={props.span} />}
    </Box>
  </Drawer>
);
