import createClient, { Client, ClientOptions, Middleware } from 'openapi-fetch';
import type { paths } from './generated/runtimeAdmin.generated';
import { ResponseContract } from './ResponseContract';
import { RuntimeContractError } from './RuntimeContractError';

/** A typed client of the runtime admin API (openapi-fetch). */
export type RuntimeAdminClient = Client<paths>;

/**
 * Middleware that checks each answer against the response schema of its operation and
 * throws a RuntimeContractError naming the operation and the first problems when the
 * runtime breaks its contract. Answers the contract allows pass unchanged.
 */
export function responseContractMiddleware(
  contract: ResponseContract = new ResponseContract(),
): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      const operation = `${request.method} ${schemaPath}`;
      const text = await response.clone().text();
      let body: unknown;
      let notJson = false;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        notJson = true;
      }
      const problems = contract.problems(
        request.method,
        schemaPath,
        response.status,
        body,
        { notJson },
      );
      if (problems.length) {
        throw new RuntimeContractError(
          operation,
          response,
          problems,
          body,
          notJson,
        );
      }
      return undefined;
    },
  };
}

/**
 * A typed client of one runtime's admin API whose every answer is checked against the
 * contract (see responseContractMiddleware). Options are openapi-fetch's.
 */
export function createRuntimeAdminClient(
  options: ClientOptions & { contract?: ResponseContract } = {},
): RuntimeAdminClient {
  const { contract, ...clientOptions } = options;
  const client = createClient<paths>(clientOptions);
  client.use(responseContractMiddleware(contract));
  return client;
}
