import type { KpiResponse } from '@internal/plugin-scorecards-common';
import { Box, MenuItem, TextField } from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { type ReactNode, useEffect, useState } from 'react';
import type { StatusFilter } from '../api/ScorecardsApi';
import type { RollupTableState } from '../shaping/rollupQuery';
import { STATUS_COLOUR, STATUS_LABEL } from './statusColours';

/** Typing waits this long before the server is asked again. */
const SEARCH_DELAY_MS = 300;

const FILTER_LABEL: Record<StatusFilter, string> = {
  red: STATUS_LABEL.red,
  amber: STATUS_LABEL.amber,
  green: STATUS_LABEL.green,
  none: STATUS_LABEL.grey,
};
const FILTER_COLOUR: Record<StatusFilter, string> = {
  red: STATUS_COLOUR.red,
  amber: STATUS_COLOUR.amber,
  green: STATUS_COLOUR.green,
  none: STATUS_COLOUR.grey,
};

const OVERALL = '';

/**
 * Search, status filter (overall, or one KPI's) for a server-side rollup table; every
 * change goes back to the first page. `children` adds controls (e.g. a kind select).
 */
export const RollupFilters = ({
  id,
  state,
  onChange,
  kpis,
  searchLabel,
  children,
}: {
  id: string;
  state: RollupTableState;
  onChange: (next: RollupTableState) => void;
  kpis: KpiResponse[];
  searchLabel: string;
  children?: ReactNode;
}) => {
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  useEffect(() => {
    if (text === state.q) return undefined;
    const timer = setTimeout(
      () => onChange({ ...state, q: text, page: 0 }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, state, onChange]);

  // A KPI sort decides which KPI the status filter applies to (one kpiId on the route).
  const sortKpi =
    state.sortKpiId && (state.sort === 'value' || state.sort === 'status')
      ? state.sortKpiId
      : undefined;
  const statusKpi = sortKpi ?? state.statusKpiId ?? OVERALL;

  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mb={2}
    >
      {children}
      <TextField
        id={`${id}-search`}
        label={searchLabel}
        size="small"
        variant="outlined"
        value={text}
        onChange={e => setText(e.target.value)}
      />
      <ToggleButtonGroup
        size="small"
        value={state.status}
        aria-label="Status filter"
        onChange={(_, status: StatusFilter[]) =>
          onChange({ ...state, status, page: 0 })
        }
      >
        {(Object.keys(FILTER_LABEL) as StatusFilter[]).map(s => (
          <ToggleButton
            key={s}
            value={s}
            aria-label={FILTER_LABEL[s]}
            style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
          >
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                marginRight: 6,
                background: FILTER_COLOUR[s],
              }}
            />
            {FILTER_LABEL[s]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <TextField
        select
        id={`${id}-status-of`}
        label="Status of"
        size="small"
        variant="outlined"
        value={statusKpi}
        disabled={!!sortKpi}
        title={
          sortKpi
            ? 'The status filter applies to the KPI the table is sorted by'
            : undefined
        }
        InputLabelProps={{ shrink: true }}
        SelectProps={{ displayEmpty: true }}
        onChange={e =>
          onChange({
            ...state,
            statusKpiId: e.target.value || undefined,
            page: 0,
          })
        }
        style={{ minWidth: 200 }}
      >
        <MenuItem value={OVERALL}>Overall</MenuItem>
        {kpis.map(k => (
          <MenuItem key={k.id} value={k.id}>
            {k.title}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
};
