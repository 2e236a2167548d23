import type { SloDetail } from '@internal/plugin-journeys-common';
import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { whyLines } from './SloFigures';

/** The numbers behind the budget and the rules, each with the arithmetic that makes it. */
export const SloWhy = ({ slo }: { slo: SloDetail }) => (
  <Table size="small" aria-label="how the figures are computed">
    <TableBody data-testid="slo-why">
      {whyLines(slo).map(line => (
        <TableRow key={line.label}>
          <TableCell component="th" scope="row" style={{ width: '22%' }}>
            {line.label}
          </TableCell>
          <TableCell>
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ fontFamily: 'monospace' }}
            >
              {line.formula}
            </Typography>
          </TableCell>
          <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
            {line.value}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
