import { ResponseErrorPanel } from '@backstage/core-components';

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

/** A page-level error: the backend's message as the title, details below. */
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
