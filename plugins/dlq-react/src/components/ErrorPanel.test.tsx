import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ErrorAlert, errorMessage } from './ErrorPanel';

/** What ResponseError.fromResponse makes of a 403 with Backstage's error body. */
const forbidden = async () =>
  Object.assign(new Error('Request failed with 403 Forbidden'), {
    name: 'ResponseError',
    statusCode: 403,
    cause: { name: 'NotAllowedError', message: 'You may not replay' },
  });

describe('errorMessage', () => {
  it("gives the backend's own message of a failed request", async () => {
    const error = await forbidden();
    expect(error.message).not.toBe('You may not replay');
    expect(errorMessage(error)).toBe('You may not replay');
  });

  it('gives any other error its message', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(undefined)).toBe('Unknown error');
  });
});

describe('ErrorAlert', () => {
  it("says the backend's message after the title", async () => {
    await renderInTestApp(
      <ErrorAlert error={await forbidden()} title="Replay" />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Replay: You may not replay',
    );
  });
});
