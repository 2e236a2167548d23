import type { KpiResponse } from '@internal/plugin-scorecards-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatKpiValue } from '../shaping/kpiFormat';
import {
  formatBucket,
  type KpiChartPoint,
  kpiYDomain,
} from '../shaping/kpiSeries';
import { STATUS_COLOUR, STATUS_LABEL } from './statusColours';

const StatusDot = (props: {
  cx?: number;
  cy?: number;
  payload?: KpiChartPoint;
}) => {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined) return null;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3}
      fill={STATUS_COLOUR[payload?.status ?? 'grey']}
      stroke="none"
    />
  );
};

/** A KPI over days (or hours): the value, a dot in each bucket's status colour, the target. */
export const KpiHistoryChart = ({
  kpi,
  data,
  granularity,
  target,
  height = 280,
}: {
  kpi: KpiResponse;
  data: KpiChartPoint[];
  granularity: 'day' | 'hour';
  target?: number;
  height?: number;
}) => (
  <div
    role="img"
    aria-label={`${kpi.title} over ${data.length} ${
      granularity === 'day' ? 'days' : 'hours'
    }${
      target === undefined ? '' : `, target ${formatKpiValue(target, kpi.unit)}`
    }`}
    data-testid="kpi-history-chart"
    style={{ width: '100%', height }}
  >
    <ResponsiveContainer width="100%" height="100%">
      <LineChart
        data={data}
        margin={{ top: 16, right: 24, bottom: 0, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={t => formatBucket(Number(t), granularity)}
          minTickGap={32}
          fontSize={11}
        />
        <YAxis
          domain={kpiYDomain(data, target, kpi.domain)}
          tickFormatter={v => formatKpiValue(Number(v), kpi.unit)}
          width={88}
          fontSize={11}
        />
        <Tooltip
          labelFormatter={t => formatBucket(Number(t), granularity)}
          formatter={(v: number, _name, item) => [
            `${formatKpiValue(Number(v), kpi.unit)} (${
              STATUS_LABEL[(item.payload as KpiChartPoint).status ?? 'grey']
            })`,
            kpi.title,
          ]}
        />
        {target !== undefined && (
          <ReferenceLine
            y={target}
            stroke={STATUS_COLOUR.green}
            strokeDasharray="6 4"
            label={{
              value: `target ${formatKpiValue(target, kpi.unit)}`,
              position: 'insideTopRight',
              fontSize: 11,
              fill: STATUS_COLOUR.green,
            }}
          />
        )}
        <Line
          dataKey="value"
          stroke="#37474f"
          strokeWidth={2}
          dot={<StatusDot />}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  </div>
);
