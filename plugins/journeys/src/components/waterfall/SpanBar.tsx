import { CSSProperties } from 'react';
import { formatUs } from '../format';
import {
  asyncBarBackground,
  CRITICAL_OUTLINE,
  ERROR_COLOUR,
  serviceColour,
} from './serviceColour';
import { offsetLabel, RIGHT_GUTTER, Scale } from './waterfallDimensions';
import { SpanRow } from './WaterfallLayout';

/**
 * The timeline column of a span row: the bar on the instance's time axis, the dashed
 * connector from the producer of an async span, and the duration right of the bar.
 */
export const SpanBar = ({
  row,
  pct,
  scale,
  markers,
}: {
  row: SpanRow;
  pct: Scale;
  scale: Scale;
  /** The row's markers (`critical path, error`), repeated in the bar's tooltip. */
  markers: string;
}) => {
  const { span } = row;
  const colour = row.error ? ERROR_COLOUR : serviceColour(span.service);
  const left = pct(span.startUs);
  const width = pct(span.startUs + span.durationUs) - left;
  const bar: CSSProperties = {
    position: 'absolute',
    left: `${left}%`,
    width: `${width}%`,
    minWidth: 2,
    top: row.critical ? 6 : 8,
    height: row.critical ? 16 : 12,
    borderRadius: 2,
    background: row.asyncEntry ? asyncBarBackground(colour) : colour,
    border: row.asyncEntry ? `1px dashed ${colour}` : undefined,
    borderRight: row.producer ? `3px solid ${CRITICAL_OUTLINE}` : undefined,
    outline: row.critical ? `2px solid ${CRITICAL_OUTLINE}` : undefined,
    outlineOffset: 1,
    boxSizing: 'border-box',
  };
  const from = row.linkedFrom
    ? Math.min(row.linkedFrom.endUs, span.startUs)
    : null;

  return (
    <div
      style={{
        position: 'relative',
        flex: 1,
        height: '100%',
        marginRight: RIGHT_GUTTER,
      }}
    >
      {from !== null && row.linkedFrom && (
        <span
          data-testid="async-connector"
          title={`continues ${row.linkedFrom.service} after ${formatUs(
            span.startUs - row.linkedFrom.endUs,
          )} in the queue`}
          style={{
            position: 'absolute',
            left: `${pct(from)}%`,
            width: `${Math.max(0, left - pct(from))}%`,
            top: 13,
            borderTop: '1px dashed #555',
          }}
        >
          <span
            style={{
              position: 'absolute',
              left: -3,
              top: -4,
              width: 6,
              height: 6,
              borderRadius: '50%',
              background: '#555',
            }}
          />
        </span>
      )}
      {row.asyncEntry && !row.linkedFrom && (
        // The producer is outside this instance: a short dashed stub still says "arrived by message".
        <span
          data-testid="async-connector"
          style={{
            position: 'absolute',
            left: `calc(${left}% - 14px)`,
            width: 14,
            top: 13,
            borderTop: '1px dashed #555',
          }}
        />
      )}
      <span
        data-testid="waterfall-bar"
        data-critical={row.critical}
        title={`${formatUs(span.durationUs)} at ${offsetLabel(
          scale(span.startUs),
        )}${markers ? ` · ${markers}` : ''}`}
        style={bar}
      />
      <span
        style={{
          position: 'absolute',
          left: `calc(${left + width}% + 6px)`,
          top: 6,
          fontSize: 11,
          color: '#666',
          whiteSpace: 'nowrap',
          pointerEvents: 'none',
        }}
      >
        {formatUs(span.durationUs)}
      </span>
    </div>
  );
};
