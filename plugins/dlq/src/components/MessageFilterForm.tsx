import { Box, Button, MenuItem, TextField } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { FormEvent, useEffect, useState } from 'react';
import type { Filters } from './messageFilters';

/**
 * The filters of a queue's dead letters: the selects apply at once, the text and time
 * fields on Apply; a chosen failure group shows as a notice that clears it.
 */
export const MessageFilterForm = ({
  filters,
  setFilters,
}: {
  filters: Filters;
  setFilters: (next: Filters) => void;
}) => {
  const filterKey = JSON.stringify(filters);
  // Draft of the text filters; applied to the URL on submit.
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(JSON.parse(filterKey)), [filterKey]);

  const onApply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({
      ...draft,
      status: filters.status,
      fingerprint: filters.fingerprint,
    });
  };

  return (
    <form onSubmit={onApply} aria-label="message filters">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 12 }}
      >
        <TextField
          select
          size="small"
          variant="outlined"
          id="dlq-filter-status"
          label="Status"
          value={filters.status ?? ''}
          onChange={e =>
            setFilters({
              ...filters,
              status: e.target.value || undefined,
            })
          }
          style={{ minWidth: 130 }}
          SelectProps={{
            SelectDisplayProps: { 'aria-label': 'status' } as any,
          }}
        >
          <MenuItem value="">any</MenuItem>
          <MenuItem value="failed">failed</MenuItem>
          <MenuItem value="parked">parked</MenuItem>
          <MenuItem value="archived">archived</MenuItem>
        </TextField>
        <TextField
          select
          size="small"
          variant="outlined"
          id="dlq-filter-classification"
          label="Replay outlook"
          value={filters.classification ?? ''}
          onChange={e =>
            setFilters({
              ...filters,
              classification: e.target.value || undefined,
            })
          }
          style={{ minWidth: 150 }}
          SelectProps={{
            SelectDisplayProps: {
              'aria-label': 'replay outlook',
            } as any,
          }}
        >
          <MenuItem value="">any</MenuItem>
          <MenuItem value="transient">transient</MenuItem>
          <MenuItem value="permanent">permanent</MenuItem>
          <MenuItem value="unknown">unknown</MenuItem>
        </TextField>
        <TextField
          size="small"
          variant="outlined"
          id="dlq-filter-businessId"
          label="Business id"
          placeholder="order id / payment id"
          value={draft.businessId ?? ''}
          onChange={e => setDraft(d => ({ ...d, businessId: e.target.value }))}
        />
        <TextField
          size="small"
          variant="outlined"
          id="dlq-filter-errorClass"
          label="Error class"
          value={draft.errorClass ?? ''}
          onChange={e => setDraft(d => ({ ...d, errorClass: e.target.value }))}
        />
        <TextField
          size="small"
          variant="outlined"
          id="dlq-filter-from"
          label="From"
          type="datetime-local"
          InputLabelProps={{ shrink: true }}
          value={draft.from ?? ''}
          onChange={e => setDraft(d => ({ ...d, from: e.target.value }))}
        />
        <TextField
          size="small"
          variant="outlined"
          id="dlq-filter-to"
          label="To"
          type="datetime-local"
          InputLabelProps={{ shrink: true }}
          value={draft.to ?? ''}
          onChange={e => setDraft(d => ({ ...d, to: e.target.value }))}
        />
        <Button type="submit" variant="outlined">
          Apply
        </Button>
        <Button
          onClick={() => setFilters({})}
          disabled={Object.keys(filters).length === 0}
        >
          Clear
        </Button>
      </Box>
      {filters.fingerprint && (
        <Alert
          severity="info"
          style={{ marginBottom: 12 }}
          onClose={() => setFilters({ ...filters, fingerprint: undefined })}
        >
          Showing failure group {filters.fingerprint.slice(0, 12)} only.
        </Alert>
      )}
    </form>
  );
};
