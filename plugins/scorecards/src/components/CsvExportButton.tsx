import { Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { errorMessage } from '@internal/plugin-dlq-react';
import { csvFilename } from '../shaping/tableCsv';

function download(csv: string, filename: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads a table as CSV. `csv` may load more than is on screen (every page of the
 * table), so it is asynchronous and the button says while it works.
 */
export const CsvExportButton = ({
  title,
  csv,
}: {
  /** Becomes the file name. */
  title: string;
  csv: () => string | Promise<string>;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      download(await csv(), csvFilename(title));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<GetAppIcon />}
      onClick={run}
      disabled={busy}
      title={error ? `Export failed: ${errorMessage(error)}` : undefined}
    >
      {(() => {
        if (busy) return 'Exporting…';
        if (error) return 'Export failed, retry';
        return 'Export CSV';
      })()}
    </Button>
  );
};
