import { ResponseErrorPanel } from '@backstage/core-components';
import { Alert } from '@material-ui/lab';

/** Text that wraps at any point rather than being cut off (long reasons, refusals). */
export const WRAP = {
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
} as const;

/** The backend's own message of a failed request (`{ error: { message } }`), else the error's message. */
export function errorMessage(e: unknown): string {
  if (!e) return 'Unknown error';
  const err = e as {
    name?: string;
    message?: string;
    cause?: { message?: string };
  };
  if (err.name === 'ResponseError' && err.cause?.message)
    return err.cause.message;
  return err.message ?? String(e);
}

/**
 * A page-level error: the stock ResponseErrorPanel (status, request, details), titled with
 * the backend's own message instead of ResponseError's "Request failed with 403 …".
 */
export const ErrorPanel = ({
  error,
  title,
}: {
  error: Error;
  title?: string;
}) => (
  <ResponseErrorPanel
    error={error}
    title={title ? `${title}: ${errorMessage(error)}` : errorMessage(error)}
  />
);

/**
 * An inline error (a failed action or a part of a page) with the backend's message: a
 * one-line alert where a whole ResponseErrorPanel would crowd the page.
 */
export const ErrorAlert = ({
  error,
  title,
  onClose,
}: {
  error: unknown;
  title?: string;
  onClose?: () => void;
}) => (
  <Alert severity="error" onClose={onClose} role="alert" style={WRAP}>
    {title ? `${title}: ${errorMessage(error)}` : errorMessage(error)}
  </Alert>
);
