import { Chip } from '@material-ui/core';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { ERROR_COLOUR, serviceColour } from './serviceColour';
import { LABEL_WIDTH } from './waterfallDimensions';
import { SpanRow } from './WaterfallLayout';

const INDENT = 14;
/** Deeper spans stop moving right, so a deep call chain keeps room for its names. */
const MAX_INDENT_DEPTH = 16;

/** The left column of a span row: indented by depth, service and span name, markers. */
export const SpanLabel = ({ row }: { row: SpanRow }) => {
  const { span } = row;
  return (
    <div
      title={`${span.service} · ${span.name}`}
      style={{
        width: LABEL_WIDTH - 3,
        flexShrink: 0,
        paddingLeft: 6 + Math.min(row.depth, MAX_INDENT_DEPTH) * INDENT,
        display: 'flex',
        alignItems: 'center',
        gap: 6,
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      {row.error && (
        <ErrorOutlineIcon
          data-testid="error-marker"
          style={{ fontSize: 14, color: ERROR_COLOUR }}
        />
      )}
      <span
        data-testid="waterfall-service"
        style={{ fontWeight: 500, color: serviceColour(span.service) }}
      >
        {span.service}
      </span>
      <span
        style={{
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          color: row.error ? ERROR_COLOUR : undefined,
        }}
      >
        {span.name}
      </span>
      {row.asyncEntry && (
        <Chip
          size="small"
          label="async"
          color="primary"
          variant="outlined"
          data-testid="async-chip"
          style={{ height: 18, fontSize: 10 }}
        />
      )}
      {row.producer && (
        <Chip
          size="small"
          label="producer"
          variant="outlined"
          data-testid="producer-chip"
          style={{ height: 18, fontSize: 10 }}
        />
      )}
    </div>
  );
};
