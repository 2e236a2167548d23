/**
 * The runtime answered off its admin API contract: a body that is not JSON, a status the
 * operation does not declare, or a body that does not match the operation's schema.
 */
export class RuntimeContractError extends Error {
  name = 'RuntimeContractError' as const;

  constructor(
    /** The operation, as the contract names it: `GET /v1/dlqs/{dlq}`. */
    readonly operation: string,
    /** The answer, unread (its body can still be read). */
    readonly response: Response,
    /** The first problems found. */
    readonly problems: string[],
    /** The body as JSON, or undefined when it is empty or not JSON. */
    readonly body: unknown,
    /** The body was not empty and not JSON. */
    readonly notJson: boolean,
  ) {
    super(
      `${operation} answered ${
        response.status
      } off the runtime admin API contract: ${problems.join('; ')}`,
    );
  }
}
