import type { InstanceDetail } from '@internal/plugin-journeys-common';
import {
  Box,
  Chip,
  FormControlLabel,
  Switch,
  TextField,
  Typography,
} from '@material-ui/core';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  CSSProperties,
  KeyboardEvent,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { formatUs, shortId } from '../format';
import { SpanDrawer } from './SpanDrawer';
import {
  asyncBarBackground,
  CRITICAL_OUTLINE,
  ERROR_BACKGROUND,
  ERROR_COLOUR,
  serviceColour,
} from './serviceColour';
import { WaterfallLegend } from './WaterfallLegend';
import {
  filterRows,
  layoutWaterfall,
  spanKey,
  SpanRow,
  timeTicks,
  TraceRow,
} from './WaterfallLayout';

export const ROW_HEIGHT = 28;
const AXIS_HEIGHT = 28;
const LABEL_WIDTH = 380;
const INDENT = 14;
const MAX_INDENT_DEPTH = 16;
/** Room right of the time axis for the duration label of a span that ends last. */
const RIGHT_GUTTER = 56;
const SELECTED_BACKGROUND = '#e3f2fd';

export interface SpanRef {
  traceId: string;
  spanId: string;
}

type Scale = (us: number) => number;

/** Offset from the instance start: `+0`, `+400 ms`. */
const offsetLabel = (us: number) => (us <= 0 ? '+0' : `+${formatUs(us)}`);

const TraceHeader = ({ row, scale }: { row: TraceRow; scale: Scale }) => (
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

const SpanRowView = ({
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
  const markers = [
    row.critical && 'critical path',
    row.error && 'error',
    row.asyncEntry && 'async',
    row.producer && 'producer',
  ]
    .filter(Boolean)
    .join(', ');

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
    </div>
  );
};

/**
 * Every span of every trace of one instance on one time axis. Rows are virtualised: a
 * 10,000-span instance keeps only the visible rows (plus a few) in the DOM.
 */
export const Waterfall = ({
  detail,
  selected: selectedProp,
  onSelect,
  height = '70vh',
}: {
  detail: InstanceDetail;
  /** Controlled selection (the span whose details are open); uncontrolled when left out. */
  selected?: SpanRef | null;
  onSelect?: (span: SpanRef | null) => void;
  height?: string | number;
}) => {
  const layout = useMemo(
    () => layoutWaterfall(detail.spans, detail.criticalPath),
    [detail.spans, detail.criticalPath],
  );
  const [text, setText] = useState('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const deferredText = useDeferredValue(text);
  const rows = useMemo(
    () => filterRows(layout.rows, { text: deferredText, errorsOnly }),
    [layout.rows, deferredText, errorsOnly],
  );
  const shown = useMemo(
    () => rows.reduce((n, r) => (r.type === 'span' ? n + 1 : n), 0),
    [rows],
  );

  const [ownSelection, setOwnSelection] = useState<SpanRef | null>(null);
  const selected = selectedProp !== undefined ? selectedProp : ownSelection;
  const select = useCallback(
    (s: SpanRef | null) => {
      setOwnSelection(s);
      onSelect?.(s);
    },
    [onSelect],
  );
  const selectedKey = selected ? spanKey(selected) : null;
  const spansByKey = useMemo(
    () => new Map(detail.spans.map(s => [spanKey(s), s])),
    [detail.spans],
  );
  const selectedSpan = selectedKey ? spansByKey.get(selectedKey) ?? null : null;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: i => rows[i].key,
    overscan: 12,
    scrollMargin: AXIS_HEIGHT,
  });

  // Bring a span selected from outside (failing step, a link in the drawer) into view.
  useEffect(() => {
    if (!selectedKey) return;
    const index = rows.findIndex(r => r.key === selectedKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedKey, rows, virtualizer]);

  const total = Math.max(layout.endUs - layout.startUs, 1);
  const pct: Scale = us => ((us - layout.startUs) / total) * 100;
  const scale: Scale = us => us - layout.startUs;
  const ticks = timeTicks(total);
  const tickLines = ticks.map(t => (t / total) * 100);

  return (
    <div>
      <WaterfallLegend />
      <Box display="flex" alignItems="center" my={1} style={{ gap: 16 }}>
        <TextField
          size="small"
          variant="outlined"
          placeholder="Filter by service or span name"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{
            'aria-label': 'Filter by service or span name',
            'data-testid': 'waterfall-filter',
          }}
          style={{ width: 320 }}
        />
        <FormControlLabel
          control={
            <Switch
              checked={errorsOnly}
              onChange={e => setErrorsOnly(e.target.checked)}
              color="primary"
            />
          }
          label="Errors only"
        />
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="waterfall-count"
        >
          {shown === layout.spanCount
            ? `${layout.spanCount} spans in ${layout.traceCount} ${
                layout.traceCount === 1 ? 'trace' : 'traces'
              }`
            : `${shown} of ${layout.spanCount} spans`}
          {' · '}
          {formatUs(total)}
        </Typography>
      </Box>
      <div
        ref={scrollRef}
        data-testid="waterfall-scroll"
        style={{
          height,
          overflow: 'auto',
          position: 'relative',
          border: '1px solid #e0e0e0',
          borderRadius: 4,
        }}
      >
        <div
          data-testid="waterfall-axis"
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 3,
            height: AXIS_HEIGHT,
            display: 'flex',
            background: '#fff',
            borderBottom: '1px solid #e0e0e0',
            fontSize: 11,
            color: '#666',
          }}
        >
          <div
            style={{
              width: LABEL_WIDTH,
              flexShrink: 0,
              paddingLeft: 8,
              lineHeight: `${AXIS_HEIGHT}px`,
            }}
          >
            Service · span
          </div>
          <div
            style={{ position: 'relative', flex: 1, marginRight: RIGHT_GUTTER }}
          >
            {ticks.map((t, i) => (
              <span
                key={t}
                data-testid="waterfall-tick"
                style={{
                  position: 'absolute',
                  left: `${tickLines[i]}%`,
                  transform: i === 0 ? undefined : 'translateX(-50%)',
                  lineHeight: `${AXIS_HEIGHT}px`,
                  whiteSpace: 'nowrap',
                }}
              >
                {t === 0 ? '0' : formatUs(t)}
              </span>
            ))}
          </div>
        </div>
        <div
          style={{ position: 'relative', height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map(item => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                data-index={item.index}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start - AXIS_HEIGHT}px)`,
                }}
              >
                {row.type === 'trace' ? (
                  <TraceHeader row={row} scale={scale} />
                ) : (
                  <SpanRowView
                    row={row}
                    pct={pct}
                    scale={scale}
                    selected={row.key === selectedKey}
                    onSelect={select}
                  />
                )}
              </div>
            );
          })}
          <div
            aria-hidden
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: LABEL_WIDTH,
              right: RIGHT_GUTTER,
              pointerEvents: 'none',
              zIndex: 2,
            }}
          >
            {tickLines.map(l => (
              <span
                key={l}
                style={{
                  position: 'absolute',
                  left: `${l}%`,
                  top: 0,
                  bottom: 0,
                  borderLeft: '1px solid rgba(0,0,0,0.07)',
                }}
              />
            ))}
          </div>
        </div>
        {rows.length === 0 && (
          <Typography color="textSecondary" style={{ padding: 16 }}>
            {layout.spanCount === 0
              ? 'This instance has no spans.'
              : 'No span matches the filter.'}
          </Typography>
        )}
      </div>
      <SpanDrawer
        span={selectedSpan}
        instanceStartUs={layout.startUs}
        onClose={() => select(null)}
        isInInstance={s => spansByKey.has(spanKey(s))}
        onSelectSpan={s => {
          if (errorsOnly || text) {
            setText('');
            setErrorsOnly(false);
          }
          select(s);
        }}
      />
    </div>
  );
};
