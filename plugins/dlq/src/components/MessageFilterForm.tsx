import { Box, Button, MenuItem, TextField } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { FormEvent, useEffect, useState } from 'react';
import type { Filters } from './messageFilters';

/** A filter chosen from a list; it applies at once ('any' clears it). */
const FilterSelect = ({
  name,
  label,
  options,
  minWidth,
  filters,
  setFilters,
}: {
  name: 'status' | 'classification';
  label: string;
  options: string[];
  minWidth: number;
  filters: Filters;
  setFilters: (next: Filters) => void;
}) => (
  <TextField
    select
    size="small"
    variant="outlined"
    id={`dlq-filter-${name}`}
    label={label}
    value={filters[name] ?? ''}
    onChange={e =>
      setFilters({ ...filters, [name]: e.target.value || undefined })
    }
    style={{ minWidth }}
    SelectProps={{
      SelectDisplayProps: { 'aria-label': label.toLowerCase() } as any,
    }}
  >
    <MenuItem value="">any</MenuItem>
    {options.map(option => (
      <MenuItem key={option} value={option}>
        {option}
      </MenuItem>
    ))}
  </TextField>
);

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
        <FilterSelect
          name="status"
          label="Status"
          options={['failed', 'parked', 'archived']}
          minWidth={130}
          filters={filters}
          setFilters={setFilters}
        />
        <FilterSelect
          name="classification"
          label="Replay outlook"
          options={['transient', 'permanent', 'unknown']}
          minWidth={150}
          filters={filters}
          setFilters={setFilters}
        />
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
