import type { FailureClassification } from '@internal/plugin-dlq-common';
import { Chip, Tooltip } from '@material-ui/core';

const COLOURS: Record<FailureClassification['kind'], string> = {
  transient: '#0288d1',
  permanent: '#c62828',
  unknown: '#757575',
};

const LABELS: Record<FailureClassification['kind'], string> = {
  transient: 'transient',
  permanent: 'permanent',
  unknown: 'unknown',
};

/**
 * Whether replaying the message unchanged is likely to work, as the runtime classified
 * its failure; the reason on hover. A runtime that does not classify shows `unknown`.
 */
export const ClassificationChip = ({
  classification,
}: {
  classification?: FailureClassification;
}) => {
  const c = classification ?? {
    kind: 'unknown' as const,
    reason: 'the runtime does not classify its failures',
  };
  return (
    <Tooltip title={c.reason}>
      <Chip
        size="small"
        variant="outlined"
        label={LABELS[c.kind] ?? c.kind}
        data-testid="failure-classification"
        aria-label={`${c.kind}: ${c.reason}`}
        style={{
          borderColor: COLOURS[c.kind],
          color: COLOURS[c.kind],
          fontWeight: 500,
        }}
      />
    </Tooltip>
  );
};

/** The first clause of a classification reason ("HTTP 422 from legacy-erp"). */
export const shortReason = (reason: string) => reason.split(':')[0];
