import { Chip } from '@material-ui/core';
import type { CellStatus } from '../shaping/heatMap';
import { STATUS_COLOUR, STATUS_LABEL } from './statusColours';

/** A status as a coloured chip with its word (`on target`, `at risk`, …). */
export const StatusChip = ({
  status,
  label,
}: {
  status: CellStatus;
  label?: string;
}) => (
  <Chip
    size="small"
    label={label ?? STATUS_LABEL[status]}
    data-status={status}
    style={{
      backgroundColor: STATUS_COLOUR[status],
      color: '#fff',
      fontWeight: 600,
    }}
  />
);
