import { useApi } from '@backstage/frontend-plugin-api';
import {
  DLQ_LIMITS,
  MAX_EDITED_BODY,
  type EditPreview,
  type EditReplayResult,
} from '@internal/plugin-dlq-common';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useState } from 'react';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { ErrorAlert } from './common';

export interface EditReplayDialogProps {
  open: boolean;
  onClose: () => void;
  onReplayed: (result: EditReplayResult) => void;
  runtime: string;
  id: string;
  /** The message id, for the title. */
  messageId: string;
  /** The body as shown (personal data masked); the editor starts from it. */
  initialBody: string;
  masked: string[];
}

/** How long typing pauses before the backend checks the body again. */
const CHECK_DELAY_MS = 300;

const DIFF_STYLE = {
  added: { background: '#e6ffed', color: '#1b5e20', sign: '+' },
  removed: { background: '#ffeef0', color: '#b71c1c', sign: '-' },
  same: { background: 'transparent', color: 'inherit', sign: ' ' },
} as const;

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

/**
 * Edit and replay one message (ServicePulse's "edit and retry"): the body in an editor,
 * checked as you type against the payload schema of the message's topic (from its AsyncAPI
 * document in the catalog; JSON syntax only when there is none), a line diff against the
 * original, and a required reason. The backend checks again before anything is sent.
 */
export const EditReplayDialog = ({
  open,
  onClose,
  onReplayed,
  runtime,
  id,
  messageId,
  initialBody,
  masked,
}: EditReplayDialogProps) => {
  const api = useApi(dlqApiRef);
  const [body, setBody] = useState(initialBody);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<EditPreview>();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();

  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setChecking(true);
    const timer = setTimeout(() => {
      api
        .previewEdit(runtime, id, body)
        .then(p => {
          if (cancelled) return;
          setPreview(p);
          setCheckError(undefined);
        })
        .catch(e => !cancelled && setCheckError(e))
        .finally(() => !cancelled && setChecking(false));
    }, CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, open, runtime, id, body]);

  const trimmed = reason.trim();
  const reasonValid = trimmed.length >= DLQ_LIMITS.minReasonLength;
  const current = !checking && preview;
  const canSubmit =
    !!current &&
    current.valid &&
    current.changed &&
    reasonValid &&
    !submitting &&
    body.length > 0;

  const submit = async () => {
    if (!canSubmit) return;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      onReplayed(
        await api.replayEdited(runtime, id, { body, reason: trimmed }),
      );
    } catch (e) {
      setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  let status = (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <CircularProgress size={16} />
      <Typography variant="body2">Checking…</Typography>
    </Box>
  );
  if (current && current.valid) {
    status = (
      <Alert severity="success" data-testid="edit-validation">
        {current.schema
          ? `Matches the ${current.schema.message} schema of ${current.schema.api} (channel ${current.schema.channel}, v${current.schema.version}).`
          : 'Valid JSON.'}
        {!current.changed && ' Nothing changed yet.'}
      </Alert>
    );
  } else if (current) {
    status = (
      <Alert severity="error" data-testid="edit-validation">
        <Typography variant="body2" gutterBottom>
          {current.problems.length} problem
          {current.problems.length === 1 ? '' : 's'}
          {current.schema ? ` against ${current.schema.api}` : ''}:
        </Typography>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {current.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path || '(root)'}</code> {p.message}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="edit-replay-title"
    >
      <DialogTitle id="edit-replay-title">
        Edit and replay message {messageId}
      </DialogTitle>
      <DialogContent>
        {preview && preview.schemaMissing && (
          <Alert
            severity="warning"
            style={{ marginBottom: 12 }}
            data-testid="edit-no-schema"
          >
            No schema for this message: {preview.schemaMissing}. Only JSON
            syntax is checked; make sure the consumer accepts what you send.
          </Alert>
        )}
        {masked.length > 0 && (
          <Alert severity="info" style={{ marginBottom: 12 }}>
            Masked fields ({masked.join(', ')}) keep their original values
            unless you replace the mask.
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" gutterBottom>
              Body
            </Typography>
            <TextField
              multiline
              fullWidth
              variant="outlined"
              minRows={16}
              maxRows={28}
              value={body}
              onChange={e => setBody(e.target.value)}
              inputProps={{
                'aria-label': 'edited body',
                'data-testid': 'edit-body',
                spellCheck: false,
                maxLength: MAX_EDITED_BODY,
                style: { ...mono, lineHeight: 1.5 },
              }}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2" gutterBottom>
              Changes
            </Typography>
            <Box
              data-testid="edit-diff"
              border={1}
              borderColor="divider"
              borderRadius={4}
              style={{ maxHeight: 440, overflow: 'auto', ...mono }}
            >
              {(preview?.diff ?? []).map((line, i) => {
                const look = DIFF_STYLE[line.kind];
                return (
                  <div
                    key={i}
                    data-kind={line.kind}
                    style={{
                      background: look.background,
                      color: look.color,
                      whiteSpace: 'pre-wrap',
                      wordBreak: 'break-all',
                      padding: '0 8px',
                      lineHeight: 1.5,
                    }}
                  >
                    {look.sign} {line.text}
                  </div>
                );
              })}
            </Box>
          </Grid>
        </Grid>
        <Box mt={2}>{status}</Box>
        {checkError !== undefined && (
          <Box mt={1}>
            <ErrorAlert error={checkError} />
          </Box>
        )}
        <Box mt={2}>
          <TextField
            label="Reason"
            required
            fullWidth
            multiline
            variant="outlined"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={reason.length > 0 && !reasonValid}
            helperText={`Why this change? Recorded in the audit trail with the diff (at least ${DLQ_LIMITS.minReasonLength} characters).`}
            inputProps={{
              'aria-label': 'reason',
              'data-testid': 'edit-reason',
              maxLength: DLQ_LIMITS.maxReasonLength,
            }}
          />
        </Box>
        {submitError !== undefined && (
          <Box mt={2}>
            <ErrorAlert error={submitError} />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!canSubmit}
          onClick={submit}
          data-testid="edit-submit"
        >
          {submitting ? 'Replaying…' : 'Replay edited message'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
