import type { InstanceStatus } from '@internal/plugin-journeys-common';
import { Chip } from '@material-ui/core';

export const STATUS_COLOURS: Record<InstanceStatus, string> = {
  ok: '#2e7d32',
  failed: '#d32f2f',
  stuck: '#ed6c02',
  'in-flight': '#0288d1',
  rejected: '#6d4c41',
  'recovered-by-replay': '#7b1fa2',
};

export const InstanceStatusChip = ({ status }: { status: InstanceStatus }) => (
  <Chip
    size="small"
    label={status}
    data-testid="instance-status"
    style={{
      backgroundColor: STATUS_COLOURS[status] ?? '#757575',
      color: '#fff',
      fontWeight: 500,
    }}
  />
);
