import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { DLQ_LIMITS } from '@internal/plugin-dlq-common';
import { ReactNode, useEffect, useState } from 'react';
import { WRAP } from '@internal/plugin-dlq-react';
import { ErrorAlert } from './common';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  /** Reason required (at least 3 characters) unless false. */
  required?: boolean;
  fieldLabel?: string;
  destructive?: boolean;
  onClose: () => void;
  /** Throws to show the backend's message in the dialog. */
  onConfirm: (reason: string) => Promise<void>;
}

/** Asks for a reason (recorded in the audit trail) before an action. */
export const ReasonDialog = ({
  open,
  title,
  text,
  confirmLabel,
  required = true,
  fieldLabel = 'Reason',
  destructive,
  onClose,
  onConfirm,
}: ReasonDialogProps) => {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (open) {
      setReason('');
      setError(undefined);
    }
  }, [open]);
  // The backend wants at least 3 characters whenever a reason or comment is given.
  const trimmed = reason.trim().length;
  const valid = trimmed === 0 ? !required : trimmed >= 3;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div" style={WRAP}>
          {text}
        </DialogContentText>
        <TextField
          fullWidth
          multiline
          variant="outlined"
          label={fieldLabel}
          required={required}
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={trimmed > 0 && trimmed < 3}
          helperText={
            required
              ? 'Recorded in the audit trail (at least 3 characters).'
              : 'Optional (at least 3 characters if given); recorded in the audit trail.'
          }
          inputProps={{
            'aria-label': fieldLabel.toLocaleLowerCase('en-US'),
            maxLength: DLQ_LIMITS.maxReasonLength,
          }}
        />
        {error !== undefined && (
          <div style={{ marginTop: 16, ...WRAP }}>
            <ErrorAlert error={error} />
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={destructive ? 'secondary' : 'primary'}
          disabled={!valid || busy}
          onClick={confirm}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
