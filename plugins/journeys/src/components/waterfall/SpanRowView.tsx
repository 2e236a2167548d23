import { KeyboardEvent } from 'react';
import { ERROR_BACKGROUND, ERROR_COLOUR } from './serviceColour';
import { SpanBar } from './SpanBar';
import { SpanLabel } from './SpanLabel';
import { Scale } from './waterfallDimensions';
import { SpanRef, SpanRow } from './WaterfallLayout';

const SELECTED_BACKGROUND = '#e3f2fd';

/** What a span row is marked as, in words: for screen readers and the bar's tooltip. */
const markersOf = (row: SpanRow) =>
  [
    row.critical && 'critical path',
    row.error && 'error',
    row.asyncEntry && 'async',
    row.producer && 'producer',
  ]
    .filter(Boolean)
    .join(', ');

/** One span of the waterfall: a button (click, Enter or Space) that selects the span. */
export const SpanRowView = ({
  row,
  pct,
  scale,
  selected,
  onSelect,
}: {
  row: SpanRow;
  pct: Scale;
  scale: Scale;
  selected: boolean;
  onSelect: (s: SpanRef) => void;
}) => {
  const { span } = row;
  const open = () => onSelect({ traceId: span.traceId, spanId: span.spanId });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  let rowBackground: string | undefined = row.error
    ? ERROR_BACKGROUND
    : undefined;
  if (selected) rowBackground = SELECTED_BACKGROUND;
  const markers = markersOf(row);

  return (
    <div
      data-testid="waterfall-row"
      data-span={row.key}
      data-error={row.error}
      data-critical={row.critical}
      data-async={row.asyncEntry}
      role="button"
      tabIndex={0}
      aria-label={`${span.service} ${span.name}${
        markers ? ` (${markers})` : ''
      }`}
      aria-pressed={selected}
      onClick={open}
      onKeyDown={onKeyDown}
      style={{
        display: 'flex',
        height: '100%',
        alignItems: 'center',
        cursor: 'pointer',
        background: rowBackground,
        borderLeft: row.error
          ? `3px solid ${ERROR_COLOUR}`
          : '3px solid transparent',
        fontSize: 13,
      }}
    >
      <SpanLabel row={row} />
      <SpanBar row={row} pct={pct} scale={scale} markers={markers} />
    </div>
  );
};
