import { Link } from '@backstage/core-components';
import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
} from '@material-ui/core';
import type { ReactNode } from 'react';
import type { HeatMap, HeatMapCell, HeatMapColumn } from '../shaping/heatMap';
import {
  aggregationText,
  memberCountsDetail,
  memberCountsText,
} from '../shaping/memberCounts';
import {
  isSortedBy,
  type RollupTableState,
  type SortColumn,
  sortDescription,
} from '../shaping/rollupQuery';
import { KpiTitle } from './KpiDefinition';
import { StatusChip } from './StatusChip';
import { STATUS_LABEL, STATUS_TINT } from './statusColours';

/**
 * Headers wrap between words only: the theme lets table cells break inside words, which
 * squeezed long KPI titles into one letter per line.
 */
const header = {
  wordBreak: 'normal' as const,
  overflowWrap: 'normal' as const,
  verticalAlign: 'bottom' as const,
};

/**
 * The name column keeps room for a name (a table with many KPIs otherwise squeezes it to
 * a word a line) and breaks long queue names anywhere only when it must.
 */
const nameBox = {
  minWidth: 220,
  wordBreak: 'normal' as const,
  overflowWrap: 'anywhere' as const,
};

const sticky = {
  position: 'sticky' as const,
  left: 0,
  background: '#fff',
  zIndex: 1,
};

/** Sorting by column headers; the server sorts, the table only says how. */
export interface HeatMapSort {
  state: RollupTableState;
  onSort: (column: SortColumn) => void;
}

const SortableHeader = ({
  sort,
  column,
  label,
  children,
}: {
  sort?: HeatMapSort;
  column: SortColumn;
  label: string;
  children: ReactNode;
}) => {
  if (!sort) return <>{children}</>;
  const active = isSortedBy(sort.state, column);
  // MUI's arrow points up for asc; a status "desc" is worst first, which reads as down.
  return (
    <TableSortLabel
      active={active}
      direction={active ? sort.state.order : 'asc'}
      onClick={() => sort.onSort(column)}
      title={
        active
          ? `Sorted by ${label}: ${sortDescription(sort.state)}`
          : `Sort by ${label}`
      }
    >
      {children}
    </TableSortLabel>
  );
};

function cellTitle(column: HeatMapColumn, cell: HeatMapCell): string {
  const head = `${column.title}: ${cell.text}, ${STATUS_LABEL[cell.status]}`;
  if (!cell.members) return head;
  return `${head} — ${aggregationText(
    cell.aggregation,
  )} of ${memberCountsDetail(cell.members)}`;
}

/**
 * Rows (teams, journeys) × KPIs, each cell tinted by its status and showing the value
 * with its unit (and, for a rollup, how many of its entities are red or amber); a name
 * leads to that scorecard, a value to that KPI's history. With `sort`, the headers sort.
 */
export const HeatMapTable = ({
  map,
  nameHeader,
  rowLink,
  cellLink,
  label,
  sort,
  rowDetail,
}: {
  map: HeatMap;
  nameHeader: string;
  rowLink: (entityRef: string) => string;
  cellLink: (entityRef: string, kpiId: string) => string;
  label: string;
  sort?: HeatMapSort;
  /** More under a row's name, e.g. links into Journeys. */
  rowDetail?: (entityRef: string) => ReactNode;
}) => (
  <TableContainer style={{ overflowX: 'auto' }}>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell style={{ ...header, ...sticky }}>
            <SortableHeader
              sort={sort}
              column={{ by: 'title' }}
              label={nameHeader}
            >
              {nameHeader}
            </SortableHeader>
          </TableCell>
          <TableCell style={{ ...header, whiteSpace: 'nowrap', minWidth: 110 }}>
            <SortableHeader
              sort={sort}
              column={{ by: 'status' }}
              label="status"
            >
              <span style={{ whiteSpace: 'nowrap' }}>Status</span>
            </SortableHeader>
          </TableCell>
          {sort && (
            <TableCell align="right">
              <SortableHeader
                sort={sort}
                column={{ by: 'score' }}
                label="score"
              >
                <span style={{ whiteSpace: 'nowrap' }}>Score</span>
              </SortableHeader>
            </TableCell>
          )}
          {map.columns.map(c => (
            <TableCell
              key={c.kpiId}
              align="right"
              style={{ ...header, minWidth: 120 }}
            >
              <SortableHeader
                sort={sort}
                column={{ by: 'kpi', kpiId: c.kpiId }}
                label={c.title}
              >
                <KpiTitle title={c.title} description={c.description} />
              </SortableHeader>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {map.rows.map(row => (
          <TableRow key={row.entityRef} data-testid={`row-${row.entityRef}`}>
            <TableCell style={sticky} component="th" scope="row">
              <div style={nameBox}>
                <Link to={rowLink(row.entityRef)}>{row.name}</Link>
                {row.memberCount !== undefined && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {row.memberCount}{' '}
                    {row.memberCount === 1 ? 'entity' : 'entities'}
                  </Typography>
                )}
                {!row.hasSnapshot && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    no snapshot yet
                  </Typography>
                )}
                {rowDetail?.(row.entityRef)}
              </div>
            </TableCell>
            <TableCell>
              {row.hasSnapshot && (
                <StatusChip
                  status={row.status}
                  label={
                    sort || row.score === undefined
                      ? undefined
                      : `${STATUS_LABEL[row.status]} · ${Math.round(row.score)}`
                  }
                />
              )}
            </TableCell>
            {sort && (
              <TableCell align="right" data-testid={`score-${row.entityRef}`}>
                {row.score === undefined ? '—' : Math.round(row.score)}
              </TableCell>
            )}
            {row.cells.map((cell, i) => (
              <TableCell
                key={cell.kpiId}
                align="right"
                data-testid={`cell-${row.entityRef}-${cell.kpiId}`}
                data-status={cell.status}
                style={{
                  backgroundColor: STATUS_TINT[cell.status],
                  border: '2px solid #fff',
                  whiteSpace: 'nowrap',
                }}
              >
                <Tooltip title={cellTitle(map.columns[i], cell)}>
                  <span>
                    {cell.value === undefined ? (
                      cell.text
                    ) : (
                      <Link
                        to={cellLink(row.entityRef, cell.kpiId)}
                        color="inherit"
                      >
                        {cell.text}
                      </Link>
                    )}
                    {cell.members && (
                      <Typography
                        variant="caption"
                        display="block"
                        data-testid="cell-members"
                        style={{ opacity: 0.8 }}
                      >
                        {memberCountsText(cell.members)}
                      </Typography>
                    )}
                  </span>
                </Tooltip>
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);
