import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucket, type KpiChartPoint } from '../shaping/kpiSeries';
import { memberTotal } from '../shaping/memberCounts';
import { STATUS_COLOUR } from './statusColours';

const SERIES = [
  { key: 'red', name: 'red', colour: STATUS_COLOUR.red },
  { key: 'amber', name: 'amber', colour: STATUS_COLOUR.amber },
  { key: 'green', name: 'green', colour: STATUS_COLOUR.green },
  { key: 'none', name: 'without status', colour: STATUS_COLOUR.grey },
] as const;

/**
 * A rollup's entities by their status for the KPI in each bucket, stacked (red at the
 * bottom, so a growing red share is seen first).
 */
export const MemberStatusChart = ({
  data,
  granularity,
  height = 200,
}: {
  data: KpiChartPoint[];
  granularity: 'day' | 'hour';
  height?: number;
}) => {
  const points = data
    .filter(p => p.members)
    .map(p => ({ t: p.t, ...p.members! }));
  const worst = points.reduce((m, p) => Math.max(m, p.red), 0);
  const most = points.reduce((m, p) => Math.max(m, memberTotal(p)), 0);
  return (
    <div
      role="img"
      aria-label={`Entities by status over ${points.length} ${
        granularity === 'day' ? 'days' : 'hours'
      }: at most ${worst} red of up to ${most}`}
      data-testid="member-status-chart"
      style={{ width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={points}
          margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            tickFormatter={t => formatBucket(Number(t), granularity)}
            minTickGap={32}
            fontSize={11}
          />
          <YAxis allowDecimals={false} width={88} fontSize={11} />
          <Tooltip
            labelFormatter={t => formatBucket(Number(t), granularity)}
            formatter={(v: number, name: string) => [`${v} entities`, name]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map(s => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="members"
              fill={s.colour}
              maxBarSize={48}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};
