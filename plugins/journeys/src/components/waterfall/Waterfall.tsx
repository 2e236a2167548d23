import type { InstanceDetail } from '@internal/plugin-journeys-common';
import {
  Box,
  FormControlLabel,
  Switch,
  TextField,
  Typography,
} from '@material-ui/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { formatUs } from '../format';
import { SpanDrawer } from './SpanDrawer';
import { SpanRowView } from './SpanRowView';
import { TraceHeader } from './TraceHeader';
import {
  AXIS_HEIGHT,
  LABEL_WIDTH,
  RIGHT_GUTTER,
  ROW_HEIGHT,
  Scale,
} from './waterfallDimensions';
import { WaterfallLegend } from './WaterfallLegend';
import {
  filterRows,
  layoutWaterfall,
  SpanRef,
  spanKey,
  timeTicks,
} from './WaterfallLayout';

export type { SpanRef } from './WaterfallLayout';

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
