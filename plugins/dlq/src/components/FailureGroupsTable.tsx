import { Link, Table, TableColumn } from '@backstage/core-components';
import type { FingerprintGroup } from '@internal/plugin-dlq-common';
import { formatTime } from '@internal/plugin-dlq-react';
import { Box, Button, Tooltip, Typography } from '@material-ui/core';
import { useDlqLinks } from '../routes';
import type { QueueActions } from './AccessNotice';
import { ClassificationChip } from './ClassificationChip';

/** A queue's dead letters grouped by how they failed, each shown or replayed as a whole. */
export const FailureGroupsTable = ({
  runtime,
  dlq,
  groups,
  actions,
  onShow,
  onReplay,
}: {
  runtime: string;
  dlq: string;
  groups: FingerprintGroup[];
  actions: QueueActions;
  onShow: (group: FingerprintGroup) => void;
  onReplay: (group: FingerprintGroup) => void;
}) => {
  const links = useDlqLinks();
  const columns: TableColumn<FingerprintGroup>[] = [
    {
      title: 'Sample error',
      field: 'sampleMessage',
      render: g => (
        <div style={{ maxWidth: 420 }}>
          <Link to={links.message(runtime, dlq, g.sampleId)}>
            {g.sampleMessage}
          </Link>
          <Typography variant="caption" display="block" color="textSecondary">
            fingerprint {g.fingerprint.slice(0, 12)}
          </Typography>
        </div>
      ),
    },
    {
      title: 'Error class',
      field: 'errorClass',
      render: g => (
        <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
          <span style={{ wordBreak: 'break-word' }}>{g.errorClass}</span>
          <span>
            <ClassificationChip classification={g.classification} />
          </span>
        </Box>
      ),
    },
    { title: 'Stage', field: 'stage' },
    { title: 'Count', field: 'count', type: 'numeric', defaultSort: 'desc' },
    {
      title: 'First seen',
      field: 'firstSeen',
      render: g => formatTime(g.firstSeen),
    },
    {
      title: 'Last seen',
      field: 'lastSeen',
      render: g => formatTime(g.lastSeen),
    },
    {
      title: '',
      sorting: false,
      render: g => (
        <Box display="flex" style={{ gap: 8 }}>
          <Button size="small" onClick={() => onShow(g)}>
            Show
          </Button>
          <Tooltip title={actions.replay ? '' : actions.reason ?? ''}>
            <span>
              <Button
                size="small"
                variant="outlined"
                color="primary"
                style={{ whiteSpace: 'nowrap' }}
                disabled={!actions.replay}
                onClick={() => onReplay(g)}
              >
                Replay group
              </Button>
            </span>
          </Tooltip>
        </Box>
      ),
    },
  ];
  return (
    <Table<FingerprintGroup>
      title="Failure groups"
      subtitle="dead letters that failed the same way"
      options={{
        paging: groups.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={groups}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          No failures.
        </Typography>
      }
    />
  );
};
