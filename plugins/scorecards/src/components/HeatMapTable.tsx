import { Link } from '@backstage/core-components';
import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { HeatMap } from '../shaping/heatMap';
import { KpiTitle } from './KpiDefinition';
import { StatusChip } from './StatusChip';
import { STATUS_LABEL, STATUS_TINT } from './statusColours';

const sticky = {
  position: 'sticky' as const,
  left: 0,
  background: '#fff',
  zIndex: 1,
};

/**
 * Rows (teams, journeys) × KPIs, each cell tinted by its status and showing the value
 * with its unit; a name leads to that scorecard, a value to that KPI's history.
 */
export const HeatMapTable = ({
  map,
  nameHeader,
  rowLink,
  cellLink,
  label,
}: {
  map: HeatMap;
  nameHeader: string;
  rowLink: (entityRef: string) => string;
  cellLink: (entityRef: string, kpiId: string) => string;
  label: string;
}) => (
  <TableContainer style={{ overflowX: 'auto' }}>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell style={sticky}>{nameHeader}</TableCell>
          <TableCell>Status</TableCell>
          {map.columns.map(c => (
            <TableCell key={c.kpiId} align="right">
              <KpiTitle title={c.title} description={c.description} />
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {map.rows.map(row => (
          <TableRow key={row.entityRef} data-testid={`row-${row.entityRef}`}>
            <TableCell style={sticky} component="th" scope="row">
              <Link to={rowLink(row.entityRef)}>{row.name}</Link>
              {!row.hasSnapshot && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  no snapshot yet
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {row.hasSnapshot && (
                <StatusChip
                  status={row.status}
                  label={
                    row.score === undefined
                      ? undefined
                      : `${STATUS_LABEL[row.status]} · ${Math.round(row.score)}`
                  }
                />
              )}
            </TableCell>
            {row.cells.map((cell, i) => (
              <TableCell
                key={cell.kpiId}
                align="right"
                data-testid={`cell-${row.entityRef}-${cell.kpiId}`}
                data-status={cell.status}
                title={`${map.columns[i].title}: ${cell.text}, ${
                  STATUS_LABEL[cell.status]
                }`}
                style={{
                  backgroundColor: STATUS_TINT[cell.status],
                  border: '2px solid #fff',
                  whiteSpace: 'nowrap',
                }}
              >
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
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);
