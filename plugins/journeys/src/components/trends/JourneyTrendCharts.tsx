import type { JourneyStats } from '@internal/plugin-journeys-common';
import { Box, Typography } from '@material-ui/core';
import type { ReactNode } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMs, formatPercent } from '../format';
import {
  bucketLabel,
  previousName,
  type TargetLine,
  type TargetLines,
  trendLayout,
  windowWords,
} from './JourneyTrendLayout';

/**
 * What is known of a journey's objectives: their target lines, or why there are none to
 * draw (still loading, or the SLO route failed).
 */
export type JourneyTargets =
  | { state: 'loading' }
  | { state: 'error' }
  | { state: 'ready'; lines: TargetLines };

// Lines break where a bucket has no instance: a line drawn across a quiet stretch would
// show rates and latencies nobody measured.
const PREVIOUS_STYLE = {
  stroke: '#9e9e9e',
  strokeWidth: 1.5,
  strokeDasharray: '5 4',
  strokeOpacity: 0.8,
  dot: false,
  connectNulls: false,
  isAnimationActive: false,
} as const;

const TARGET_COLOUR = '#e65100';

const axisProps = (window: JourneyStats['window']) => ({
  dataKey: 't',
  tickFormatter: bucketLabel(window),
  minTickGap: 28,
  fontSize: 11,
  height: 20,
});

const ChartTitle = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" component="h3" style={{ marginTop: 4 }}>
    {children}
  </Typography>
);

const Caption = ({ children }: { children: ReactNode }) => (
  <Typography
    variant="caption"
    color="textSecondary"
    display="block"
    style={{ marginLeft: 4 }}
  >
    {children}
  </Typography>
);

const targetLine = (line: TargetLine) => (
  <ReferenceLine
    key={line.objective}
    yAxisId="y"
    y={line.value}
    stroke={TARGET_COLOUR}
    strokeDasharray="6 3"
    ifOverflow="extendDomain"
    label={{
      value: line.label,
      // Above the line: targets sit low on their charts, the axis labels are below.
      position: 'insideBottomLeft',
      fontSize: 11,
      fill: TARGET_COLOUR,
    }}
  />
);

/** A caption for a chart whose objective lines are missing, saying why. */
function targetCaption(
  targets: JourneyTargets,
  lines: TargetLine[],
  kind: 'latency' | 'availability (ratio)',
): string | null {
  if (targets.state === 'error')
    return 'No target line: the objectives could not be read.';
  if (targets.state === 'ready' && lines.length === 0)
    return `No target line: the journey declares no ${kind} objective.`;
  return null;
}

/**
 * A journey over the window in three small charts — volume, error rate, cycle time — with
 * the previous period as a faint dashed line shifted onto the same time axis and a dashed
 * line at each objective's target.
 */
export const JourneyTrendCharts = ({
  stats,
  previous,
  targets,
  height = 130,
}: {
  stats: JourneyStats;
  /**
   * The same window ending where this one starts; undefined when the journey had no
   * instances then, null when the previous period could not be read.
   */
  previous: JourneyStats | null | undefined;
  targets: JourneyTargets;
  height?: number;
}) => {
  const layout = trendLayout(stats, previous);
  if (!layout.hasData) {
    return (
      <Typography color="textSecondary">
        No instances in the last {windowWords(stats.window)}.
      </Typography>
    );
  }
  const prev = previousName(stats.window);
  const showPrevious = layout.hasPrevious;
  const lines =
    targets.state === 'ready' ? targets.lines : { latency: [], errorRate: [] };
  const bucket = layout.bucketMs ? formatMs(layout.bucketMs) : null;
  const margin = { top: 8, right: 12, bottom: 0, left: 0 };
  const legend = <Legend wrapperStyle={{ fontSize: 12 }} height={20} />;
  const tooltipLabel = (t: unknown) => new Date(Number(t)).toLocaleString();
  const latencyCaption = targetCaption(targets, lines.latency, 'latency');
  const errorCaption = targetCaption(
    targets,
    lines.errorRate,
    'availability (ratio)',
  );

  return (
    <div
      aria-label={`${stats.title}: ${stats.volume} instances, ${stats.failed} failed in ${stats.window}`}
    >
      {previous === null && (
        <Caption>The {prev} could not be read: no comparison.</Caption>
      )}
      {previous !== null && !(previous && previous.volume > 0) && (
        <Caption>No instances in the {prev}: nothing to compare with.</Caption>
      )}

      <ChartTitle>
        Volume{bucket ? ` (instances per ${bucket})` : ''}
      </ChartTitle>
      <Box style={{ width: '100%', height: height + 20 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={layout.rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...axisProps(stats.window)} />
            <YAxis yAxisId="y" allowDecimals={false} fontSize={11} width={58} />
            <Tooltip labelFormatter={tooltipLabel} />
            {legend}
            <Bar
              yAxisId="y"
              dataKey="ok"
              name="ok"
              stackId="n"
              fill="#90caf9"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="y"
              dataKey="recovered"
              name="recovered by replay"
              stackId="n"
              fill="#ce93d8"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="y"
              dataKey="failed"
              name="failed"
              stackId="n"
              fill="#d32f2f"
              isAnimationActive={false}
            />
            {showPrevious && (
              <Line
                yAxisId="y"
                dataKey="prevCount"
                name={prev}
                type="monotone"
                {...PREVIOUS_STYLE}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>

      <ChartTitle>Error rate (failed of started, per bucket)</ChartTitle>
      <Box style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={layout.rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...axisProps(stats.window)} />
            <YAxis
              yAxisId="y"
              fontSize={11}
              width={58}
              domain={[0, layout.errorRateTop]}
              ticks={[0, layout.errorRateTop / 2, layout.errorRateTop]}
              tickFormatter={v => formatPercent(Number(v))}
            />
            <Tooltip
              labelFormatter={tooltipLabel}
              formatter={(v, name) => [formatPercent(v as number), name]}
            />
            {legend}
            <Line
              yAxisId="y"
              dataKey="errorRate"
              name="error rate"
              type="monotone"
              stroke="#d32f2f"
              strokeWidth={2}
              dot={layout.dots ? { r: 3 } : false}
              isAnimationActive={false}
            />
            {showPrevious && (
              <Line
                yAxisId="y"
                dataKey="prevErrorRate"
                name={prev}
                type="monotone"
                {...PREVIOUS_STYLE}
              />
            )}
            {lines.errorRate.map(targetLine)}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      {errorCaption && <Caption>{errorCaption}</Caption>}

      <ChartTitle>Cycle time (p50, p95, p99)</ChartTitle>
      <Box style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={layout.rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...axisProps(stats.window)} />
            <YAxis
              yAxisId="y"
              fontSize={11}
              width={58}
              domain={[0, 'auto']}
              tickFormatter={v => formatMs(Number(v))}
            />
            <Tooltip
              labelFormatter={tooltipLabel}
              formatter={(v, name) => [formatMs(v as number), name]}
            />
            {legend}
            <Line
              yAxisId="y"
              dataKey="p50Ms"
              name="p50"
              type="monotone"
              stroke="#4fc3f7"
              strokeWidth={1.5}
              dot={layout.dots ? { r: 2 } : false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="y"
              dataKey="p95Ms"
              name="p95"
              type="monotone"
              stroke="#6a1b9a"
              strokeWidth={2}
              dot={layout.dots ? { r: 3 } : false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="y"
              dataKey="p99Ms"
              name="p99"
              type="monotone"
              stroke="#ad1457"
              strokeWidth={1}
              dot={layout.dots ? { r: 2 } : false}
              isAnimationActive={false}
            />
            {showPrevious && (
              <Line
                yAxisId="y"
                dataKey="prevP95Ms"
                name={`${prev} p95`}
                type="monotone"
                {...PREVIOUS_STYLE}
              />
            )}
            {lines.latency.map(targetLine)}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      {latencyCaption && <Caption>{latencyCaption}</Caption>}
    </div>
  );
};
