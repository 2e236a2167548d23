import { Box } from '@material-ui/core';
import { shortId } from '../format';
import { ERROR_COLOUR } from './serviceColour';
import { LABEL_WIDTH, offsetLabel, Scale } from './waterfallDimensions';
import { TraceRow } from './WaterfallLayout';

/** The thin row above the spans of one trace: its id, service, offset and counts. */
export const TraceHeader = ({
  row,
  scale,
}: {
  row: TraceRow;
  scale: Scale;
}) => (
  <Box
    data-testid="waterfall-trace"
    display="flex"
    alignItems="center"
    height="100%"
    px={1}
    style={{
      background: '#f5f5f5',
      borderTop: '1px solid #e0e0e0',
      fontSize: 12,
      color: '#555',
    }}
  >
    <span
      style={{
        width: LABEL_WIDTH - 8,
        flexShrink: 0,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <strong>trace {shortId(row.traceId, 4)}</strong> · {row.service}
      {row.async && (
        <span style={{ marginLeft: 6, fontStyle: 'italic' }}>(async hop)</span>
      )}
    </span>
    <span>
      {offsetLabel(scale(row.startUs))} · {row.spanCount}{' '}
      {row.spanCount === 1 ? 'span' : 'spans'}
      {row.errorCount > 0 && (
        <span style={{ color: ERROR_COLOUR }}>
          {' '}
          · {row.errorCount} {row.errorCount === 1 ? 'error' : 'errors'}
        </span>
      )}
    </span>
  </Box>
);
