import type { DlqOverview } from '@internal/plugin-dlq-common';
import { Typography } from '@material-ui/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const hour = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${String(d.getHours()).padStart(2, '0')}:${String(
        d.getMinutes(),
      ).padStart(2, '0')}`;
};

/** Dead letters received per bucket over the last 24 hours. */
export const InflowChart = ({ inflow }: { inflow: DlqOverview['inflow'] }) => {
  if (!inflow.length) {
    return <Typography color="textSecondary">No inflow data.</Typography>;
  }
  const total = inflow.reduce((n, b) => n + b.count, 0);
  return (
    <div
      aria-label={`inflow chart: ${total} dead letters`}
      style={{ width: '100%', height: 180 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={inflow}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={hour}
            minTickGap={24}
            fontSize={11}
          />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip
            labelFormatter={l => new Date(String(l)).toLocaleString()}
            formatter={v => [v as number, 'dead letters']}
          />
          <Bar dataKey="count" fill="#d32f2f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};
