import type { SloDetail } from '@internal/plugin-journeys-common';
import { Box, Paper, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  BURN_WINDOW_COLOURS,
  burnDownChartLayout,
  burnRateChartLayout,
  type BurnDownRow,
} from './SloChartLayout';
import {
  BUDGET_COLOURS,
  formatBurn,
  formatFraction,
  SEVERITY_COLOURS,
  windowText,
} from './SloFigures';

const fullTime = (t: unknown) => new Date(Number(t)).toLocaleString();

const NoData = ({ text }: { text: string }) => (
  <Typography color="textSecondary" style={{ padding: 16 }}>
    {text}
  </Typography>
);

/** Remaining budget over the SLO window: green above the zero line, red below it. */
export const BurnDownChart = ({
  slo,
  height = 220,
}: {
  slo: Pick<SloDetail, 'burnDown' | 'windowMs' | 'objective'>;
  height?: number;
}) => {
  const layout = useMemo(() => burnDownChartLayout(slo.burnDown), [slo]);
  if (!layout.hasData) {
    return (
      <NoData
        text={`No finished instances in the last ${windowText(
          slo.windowMs,
        )} yet.`}
      />
    );
  }
  const last = layout.rows[layout.rows.length - 1]?.remaining ?? null;
  return (
    <div
      aria-label={`${slo.objective}: budget over the last ${windowText(
        slo.windowMs,
      )}, ${formatFraction(last)} left now`}
      data-testid="slo-burn-down"
      style={{ width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={layout.rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={layout.xDomain}
            ticks={layout.xTicks}
            tickFormatter={layout.xLabel}
            fontSize={11}
          />
          <YAxis
            domain={layout.yDomain}
            tickFormatter={v => formatFraction(Number(v))}
            fontSize={11}
            width={64}
          />
          <Tooltip
            content={({ active, payload }) => {
              // The two series are one line: show the point's remaining budget once.
              const row = payload?.[0]?.payload as BurnDownRow | undefined;
              if (!active || !row) return null;
              return (
                <Paper style={{ padding: 8 }}>
                  <Typography variant="caption" display="block">
                    {fullTime(row.t)}
                  </Typography>
                  <Typography variant="body2">
                    {formatFraction(row.remaining)} of the budget left
                  </Typography>
                </Paper>
              );
            }}
          />
          <ReferenceLine
            y={0}
            stroke="#d32f2f"
            strokeDasharray="4 2"
            label={{
              value: 'budget spent',
              position: 'insideBottomRight',
              fontSize: 11,
              fill: '#d32f2f',
            }}
          />
          <Area
            type="linear"
            dataKey="left"
            name="budget left"
            stroke={BUDGET_COLOURS.healthy}
            fill={BUDGET_COLOURS.healthy}
            fillOpacity={0.15}
            strokeWidth={1.5}
            dot={layout.dots ? { r: 3 } : false}
            isAnimationActive={false}
          />
          <Area
            type="linear"
            dataKey="blown"
            name="budget blown"
            stroke={BUDGET_COLOURS.exhausted}
            fill={BUDGET_COLOURS.exhausted}
            fillOpacity={0.2}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
};

/** Burn rate per window over the last day, with a line at each rule's factor. */
export const BurnRateChart = ({
  slo,
  height = 220,
}: {
  slo: Pick<SloDetail, 'burnRateHistory' | 'rules' | 'objective'>;
  height?: number;
}) => {
  const layout = useMemo(
    () => burnRateChartLayout(slo.burnRateHistory, slo.rules),
    [slo],
  );
  if (!layout.rows.length) {
    return <NoData text="No burn rates over the last 24 hours yet." />;
  }
  return (
    <div
      aria-label={`${
        slo.objective
      }: burn rates over the last 24 hours against ${layout.thresholds
        .map(t => t.label)
        .join(', ')}`}
      data-testid="slo-burn-rate"
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={layout.rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={layout.xDomain}
            ticks={layout.xTicks}
            tickFormatter={layout.xLabel}
            fontSize={11}
          />
          <YAxis
            domain={[0, layout.yMax]}
            allowDataOverflow
            tickFormatter={v => formatBurn(Number(v))}
            fontSize={11}
            width={64}
          />
          <Tooltip
            labelFormatter={fullTime}
            formatter={(v, name) => [formatBurn(v as number), name]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {/* Thresholds close together (0.93×, 2.8×, 5.6×) overlap as labels on the
              chart: they are named in the key below it. */}
          {layout.thresholds.map(t => (
            <ReferenceLine
              key={t.label}
              y={t.factor}
              stroke={SEVERITY_COLOURS[t.severity]}
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
            />
          ))}
          {layout.windows.map(w => (
            <Line
              key={w}
              type="linear"
              dataKey={w}
              name={w}
              stroke={BURN_WINDOW_COLOURS[w]}
              strokeWidth={1.25}
              dot={layout.dots ? { r: 2 } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <Box
        display="flex"
        flexWrap="wrap"
        justifyContent="center"
        style={{ gap: 12 }}
        data-testid="slo-thresholds"
      >
        {layout.thresholds.map(t => (
          <Typography
            key={t.label}
            variant="caption"
            style={{ color: SEVERITY_COLOURS[t.severity] }}
          >
            ┄ {t.label}
          </Typography>
        ))}
      </Box>
      {layout.clipped && (
        <Typography variant="caption" color="textSecondary">
          Burn rates above {formatBurn(layout.yMax)} are cut off; the tooltip
          shows them.
        </Typography>
      )}
    </div>
  );
};
