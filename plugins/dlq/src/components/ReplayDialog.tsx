import { useApi } from '@backstage/frontend-plugin-api';
import {
  DLQ_LIMITS,
  type Replay,
  type ReplaySelection,
} from '@internal/plugin-dlq-common';
import {
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { shortReason } from './ClassificationChip';
import { ErrorAlert, formatAge } from './common';

export interface ReplayDialogProps {
  open: boolean;
  onClose: () => void;
  runtime: string;
  dlq: string;
  selection: ReplaySelection;
  /** What is being replayed, in words ("3 selected messages", "group TimeoutError"). */
  description: string;
}

export const MIN_REASON_LENGTH = DLQ_LIMITS.minReasonLength;
/** The backend accepts canaries of up to this many messages. */
const MAX_CANARY = DLQ_LIMITS.maxCanarySize;

/** The step the dialog is at: plan, then reason and canary, then submit. */
function stepOf(planned: boolean, detailsValid: boolean) {
  if (!planned) return 0;
  return detailsValid ? 2 : 1;
}

function submitLabel(submitting: boolean, approvalRequired?: boolean) {
  if (submitting) return 'Submitting…';
  return approvalRequired ? 'Replay (request approval)' : 'Replay';
}

/** Plan (frozen message set), then reason and canary, then submit and go to the replay's page. */
export const ReplayDialog = ({
  open,
  onClose,
  runtime,
  dlq,
  selection,
  description,
}: ReplayDialogProps) => {
  const api = useApi(dlqApiRef);
  const navigate = useNavigate();
  const links = useDlqLinks();
  const [plan, setPlan] = useState<Replay>();
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<unknown>();
  const [reason, setReason] = useState('');
  const [canary, setCanary] = useState('0');
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();
  // Messages whose failure looks permanent will likely fail again: left out by default.
  const [excludePermanent, setExcludePermanent] = useState(true);
  const selectionKey = JSON.stringify(selection);

  // Step 1: plan as soon as the dialog opens; the message set is frozen by the backend.
  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setPlan(undefined);
    setPlanError(undefined);
    setSubmitError(undefined);
    setReason('');
    setCanary('0');
    setPlanning(true);
    api
      .planReplay({
        runtime,
        dlq,
        selection: JSON.parse(selectionKey),
        excludePermanent,
      })
      .then(p => !cancelled && setPlan(p))
      .catch(e => !cancelled && setPlanError(e))
      .finally(() => !cancelled && setPlanning(false));
    return () => {
      cancelled = true;
    };
  }, [api, open, runtime, dlq, selectionKey, excludePermanent]);

  const count = plan?.plan.count ?? 0;
  const permanent = plan?.plan.permanent;
  const trimmed = reason.trim();
  const reasonValid = trimmed.length >= MIN_REASON_LENGTH;
  const canaryNumber = Number(canary === '' ? 0 : canary);
  const maxCanary = Math.max(0, Math.min(MAX_CANARY, count - 1));
  const canaryValid =
    Number.isInteger(canaryNumber) &&
    canaryNumber >= 0 &&
    canaryNumber <= maxCanary;
  const canSubmit =
    !!plan && count > 0 && reasonValid && canaryValid && !submitting;
  const activeStep = stepOf(!!plan, reasonValid && canaryValid);

  const submit = async () => {
    if (!plan || !canSubmit) return;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const submitted = await api.submitReplay(plan.id, {
        reason: trimmed,
        ...(canaryNumber > 0 ? { canarySize: canaryNumber } : {}),
      });
      onClose();
      navigate(links.replay(submitted.id));
    } catch (e) {
      setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="replay-dialog-title"
    >
      <DialogTitle id="replay-dialog-title">
        Replay {description} from {dlq}
      </DialogTitle>
      <DialogContent>
        <Stepper activeStep={activeStep} style={{ padding: '8px 0 16px' }}>
          <Step>
            <StepLabel>Plan</StepLabel>
          </Step>
          <Step>
            <StepLabel>Reason</StepLabel>
          </Step>
          <Step>
            <StepLabel>Submit</StepLabel>
          </Step>
        </Stepper>

        {planning && (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <CircularProgress size={20} />{' '}
            <Typography>Planning the replay…</Typography>
          </div>
        )}
        {planError !== undefined && <ErrorAlert error={planError} />}

        {plan && (
          <div data-testid="replay-plan">
            <Typography variant="h6" gutterBottom>
              {count} message{count === 1 ? '' : 's'} will be replayed
            </Typography>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              The message set is frozen now: messages arriving later are not
              added. At {plan.plan.ratePerSecond}/s this takes about{' '}
              {formatAge(plan.plan.estimatedSeconds)}.
            </Typography>
            {permanent && permanent.count > 0 && (
              <Alert
                severity="warning"
                style={{ margin: '8px 0' }}
                data-testid="permanent-warning"
              >
                <Typography variant="body2">
                  {permanent.count} of {permanent.selected} look permanent (
                  {permanent.reasons
                    .map(r => shortReason(r.reason))
                    .filter((r, i, all) => all.indexOf(r) === i)
                    .join('; ')}
                  ); they will likely fail again.{' '}
                  {permanent.excluded
                    ? 'They are left out of this replay.'
                    : 'They are part of this replay.'}
                </Typography>
                <FormControlLabel
                  control={
                    <Checkbox
                      size="small"
                      checked={excludePermanent}
                      disabled={planning}
                      onChange={e => {
                        // The plan made with the other choice is dropped, so it does
                        // not count as planned volume.
                        if (plan?.status === 'planned')
                          api.cancelReplay(plan.id).catch(() => undefined);
                        setExcludePermanent(e.target.checked);
                      }}
                      inputProps={{ 'aria-label': 'leave them out' }}
                    />
                  }
                  label="Leave them out"
                />
              </Alert>
            )}
            {plan.approvalRequired ? (
              <Alert severity="warning" style={{ margin: '8px 0' }}>
                This replay needs approval: a second person must approve it
                before it starts.
              </Alert>
            ) : (
              <Alert severity="info" style={{ margin: '8px 0' }}>
                No approval needed: the replay starts as soon as you submit it.
              </Alert>
            )}

            {plan.plan.targets.length > 0 && (
              <Table size="small" aria-label="replay targets">
                <TableHead>
                  <TableRow>
                    <TableCell>Exchange</TableCell>
                    <TableCell>Routing key</TableCell>
                    <TableCell>Queue</TableCell>
                    <TableCell align="right">Messages</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {plan.plan.targets.map(t => (
                    <TableRow key={`${t.exchange}|${t.routingKey}|${t.queue}`}>
                      <TableCell>{t.exchange || '(default)'}</TableCell>
                      <TableCell>{t.routingKey}</TableCell>
                      <TableCell>{t.queue}</TableCell>
                      <TableCell align="right">{t.count}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}

            {plan.plan.skipped.length > 0 && (
              <div style={{ marginTop: 16 }}>
                <Typography variant="subtitle2">
                  {plan.plan.skipped.length} message
                  {plan.plan.skipped.length === 1 ? '' : 's'} will be skipped
                </Typography>
                <Table size="small" aria-label="skipped messages">
                  <TableHead>
                    <TableRow>
                      <TableCell>Message id</TableCell>
                      <TableCell>Why</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {plan.plan.skipped.slice(0, 50).map(s => (
                      <TableRow key={s.id}>
                        <TableCell>{s.messageId}</TableCell>
                        <TableCell>
                          {s.reason === 'already-processed'
                            ? 'already processed'
                            : s.reason.replace(/^in-replay:/, 'in replay ')}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                {plan.plan.skipped.length > 50 && (
                  <Typography variant="caption" color="textSecondary">
                    and {plan.plan.skipped.length - 50} more
                  </Typography>
                )}
              </div>
            )}

            {count === 0 ? (
              <Alert severity="info" style={{ marginTop: 16 }}>
                Nothing to replay.
              </Alert>
            ) : (
              <div
                style={{
                  marginTop: 16,
                  display: 'flex',
                  gap: 16,
                  alignItems: 'flex-start',
                }}
              >
                <TextField
                  label="Reason"
                  required
                  fullWidth
                  multiline
                  variant="outlined"
                  value={reason}
                  onChange={e => setReason(e.target.value)}
                  error={reason.length > 0 && !reasonValid}
                  helperText={`Why replay? Recorded in the audit trail (at least ${MIN_REASON_LENGTH} characters).`}
                  inputProps={{
                    'aria-label': 'reason',
                    'data-testid': 'replay-reason',
                    maxLength: DLQ_LIMITS.maxReasonLength,
                  }}
                />
                <TextField
                  label="Canary size"
                  type="number"
                  variant="outlined"
                  value={canary}
                  onChange={e => setCanary(e.target.value)}
                  error={!canaryValid}
                  helperText={
                    canaryValid
                      ? 'Replay this many first, go on only if all succeed (0 = none)'
                      : `0 to ${maxCanary}`
                  }
                  inputProps={{
                    min: 0,
                    max: maxCanary,
                    step: 1,
                    'aria-label': 'canary size',
                  }}
                  style={{ minWidth: 220 }}
                />
              </div>
            )}
          </div>
        )}
        {submitError !== undefined && (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={submitError} />
          </div>
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
          data-testid="replay-submit"
        >
          {submitLabel(submitting, plan?.approvalRequired)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
