import { useApi } from '@backstage/frontend-plugin-api';
import type { KpiResponse } from '@internal/plugin-scorecards-common';
import { Typography } from '@material-ui/core';
import {
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  YAxis,
} from 'recharts';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { formatKpiValue } from '../shaping/kpiFormat';
import { kpiChartData, kpiYDomain } from '../shaping/kpiSeries';
import { STATUS_COLOUR } from './statusColours';

const DAY_MS = 86_400_000;
/** Days a sparkline covers. */
export const SPARKLINE_DAYS = 30;

/** The last month of one KPI as a small line, with the target as a dashed line. */
export const KpiSparkline = ({
  entityRef,
  kpi,
  target,
  height = 56,
}: {
  entityRef: string;
  kpi: KpiResponse;
  /** Left out when the entity's own thresholds are not known here. */
  target?: number;
  height?: number;
}) => {
  const api = useApi(scorecardsApiRef);
  const history = useAsync(async () => {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    return api.getKpiHistory(entityRef, {
      kpiId: kpi.id,
      from: new Date(today - SPARKLINE_DAYS * DAY_MS),
      to: new Date(today + DAY_MS),
    });
  }, [api, entityRef, kpi.id]);

  if (history.loading) return <div style={{ height }} />;
  if (history.error)
    return (
      <Typography variant="caption" color="error" style={{ height }}>
        history unavailable
      </Typography>
    );
  const data = kpiChartData(history.value ?? []);
  if (data.length < 2)
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        style={{ height, display: 'flex', alignItems: 'center' }}
      >
        {data.length ? 'one day of history so far' : 'no history yet'}
      </Typography>
    );
  const first = data[0].value;
  const last = data[data.length - 1].value;
  return (
    <div
      role="img"
      aria-label={`${
        kpi.title
      }, last ${SPARKLINE_DAYS} days: from ${formatKpiValue(
        first,
        kpi.unit,
      )} to ${formatKpiValue(last, kpi.unit)}${
        target === undefined
          ? ''
          : `, target ${formatKpiValue(target, kpi.unit)}`
      }`}
      data-testid={`sparkline-${kpi.id}`}
      style={{ width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
        >
          <YAxis hide domain={kpiYDomain(data, target, kpi.domain)} />
          {target !== undefined && (
            <ReferenceLine
              y={target}
              stroke={STATUS_COLOUR.green}
              strokeDasharray="4 3"
            />
          )}
          <Line
            dataKey="value"
            stroke="#37474f"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
