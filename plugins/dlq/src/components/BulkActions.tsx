import { Box, Button, Tooltip } from '@material-ui/core';
import type { QueueActions } from './AccessNotice';

/** Replay, archive or purge the selected dead letters, or replay all that match the filter. */
export const BulkActions = ({
  selectedCount,
  matchingCount,
  actions,
  onReplaySelected,
  onReplayMatching,
  onArchive,
  onPurge,
}: {
  selectedCount: number;
  /** How many match the filter; undefined while unknown. */
  matchingCount?: number;
  actions: QueueActions;
  onReplaySelected: () => void;
  onReplayMatching: () => void;
  onArchive: () => void;
  onPurge: () => void;
}) => (
  <Box display="flex" flexWrap="wrap" mb={1} style={{ gap: 8 }}>
    <Button
      variant="contained"
      color="primary"
      disabled={selectedCount === 0 || !actions.replay}
      title={actions.replay ? undefined : actions.reason}
      onClick={onReplaySelected}
    >
      Replay selected
    </Button>
    <Tooltip
      title={
        actions.replay
          ? 'Every dead letter matching business id, error class, time range and group (not only this page)'
          : actions.reason ?? ''
      }
    >
      <span>
        <Button
          variant="outlined"
          color="primary"
          disabled={!matchingCount || !actions.replay}
          onClick={onReplayMatching}
        >
          Replay all matching filter
          {matchingCount !== undefined ? ` (${matchingCount})` : ''}
        </Button>
      </span>
    </Tooltip>
    <Button
      variant="outlined"
      disabled={selectedCount === 0 || !actions.manage}
      title={actions.manage ? undefined : actions.reason}
      onClick={onArchive}
    >
      Archive selected
    </Button>
    <Button
      variant="outlined"
      color="secondary"
      disabled={selectedCount === 0 || !actions.manage}
      title={actions.manage ? undefined : actions.reason}
      onClick={onPurge}
    >
      Purge selected
    </Button>
  </Box>
);
