import { InfoCard, Link } from '@backstage/core-components';
import type {
  JourneyStats,
  StatsWindow,
} from '@internal/plugin-journeys-common';
import { Grid, Typography } from '@material-ui/core';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useJourneysLinks } from '../routes';
import { formatMs } from './format';

const pad = (n: number) => String(n).padStart(2, '0');

/** Bucket label: hours and minutes for short windows, day and hour for a week. */
function bucketLabel(window: StatsWindow) {
  return (iso: string) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return window === '7d'
      ? `${pad(d.getDate())}.${pad(d.getMonth() + 1)}. ${hm}`
      : hm;
  };
}

/** Instances and failures per bucket (bars) and p95 latency (line) of one journey. */
export const JourneyChart = ({
  stats,
  height = 200,
}: {
  stats: JourneyStats;
  height?: number;
}) => {
  if (!stats.series.length) {
    return (
      <Typography color="textSecondary">
        No instances in the last {stats.window}.
      </Typography>
    );
  }
  // The outcomes stack to the volume, so the bar height still reads as volume.
  const data = stats.series.map(p => ({
    ...p,
    succeeded: Math.max(0, p.count - p.failed - (p.recovered ?? 0)),
  }));
  // With few points a line without dots would not show at all.
  const sparse = data.filter(p => p.p95Ms !== null).length < 3;
  return (
    <div
      aria-label={`${stats.title}: ${stats.volume} instances, ${stats.failed} failed in ${stats.window}`}
      style={{ width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="time"
            tickFormatter={bucketLabel(stats.window)}
            minTickGap={24}
            fontSize={11}
          />
          <YAxis yAxisId="count" allowDecimals={false} fontSize={11} />
          <YAxis
            yAxisId="ms"
            orientation="right"
            fontSize={11}
            tickFormatter={v => formatMs(Number(v))}
          />
          <Tooltip
            labelFormatter={l => new Date(String(l)).toLocaleString()}
            formatter={(v, name) =>
              name === 'p95'
                ? [formatMs(v as number), name]
                : [v as number, name]
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="count"
            dataKey="succeeded"
            name="ok"
            stackId="n"
            fill="#90caf9"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="count"
            dataKey="recovered"
            name="recovered by replay"
            stackId="n"
            fill="#ce93d8"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="count"
            dataKey="failed"
            name="failed"
            stackId="n"
            fill="#d32f2f"
            isAnimationActive={false}
          />
          <Line
            yAxisId="ms"
            type="monotone"
            dataKey="p95Ms"
            name="p95"
            stroke="#6a1b9a"
            strokeWidth={2}
            dot={sparse ? { r: 3 } : false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
};

/** One chart card per journey. */
export const JourneyChartGrid = ({ items }: { items: JourneyStats[] }) => {
  const links = useJourneysLinks();
  return (
    <Grid container spacing={2}>
      {items.map(j => (
        <Grid item xs={12} md={6} xl={4} key={j.ref}>
          <InfoCard
            title={<Link to={links.journey(j.ref, j.window)}>{j.title}</Link>}
            subheader={`last ${j.window}`}
            noPadding
          >
            <div style={{ padding: 8 }}>
              <JourneyChart stats={j} />
            </div>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
};
