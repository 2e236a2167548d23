import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadOpenApiDocument } from '../admin/AdminServer';

type Doc = Record<string, any>;

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks admin API answers against the runtime's own openapi.yaml, as it is on disk, with
 * a JSON Schema 2020-12 validator (what OpenAPI 3.1 schemas are).
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Array<{ template: string; pattern: RegExp }>;

  constructor(private readonly doc: Doc = loadOpenApiDocument()) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'openapi' });
    // Literal paths first: /v1/messages/archive before /v1/messages/{id}.
    this.routes = Object.keys(doc.paths)
      .sort((a, b) => a.split('{').length - b.split('{').length)
      .map(template => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }));
  }

  /** The schema errors of an answer, or undefined when it matches the contract. */
  check(
    method: string,
    url: string,
    status: number,
    body: unknown,
  ): string | undefined {
    const path = new URL(url, 'http://runtime').pathname;
    const route = this.routes.find(r => r.pattern.test(path));
    if (!route) return `${path} is not in the contract`;
    const m = method.toLowerCase();
    const operation = this.doc.paths[route.template][m];
    if (!operation) return `${method} ${route.template} is not in the contract`;
    const code = operation.responses[String(status)]
      ? String(status)
      : 'default';
    const response = operation.responses[code];
    if (!response)
      return `${method} ${route.template} does not declare status ${status}`;
    // A shared response is validated where it is defined, so its $refs resolve alike.
    const base = response.$ref
      ? `openapi${response.$ref}`
      : `openapi#/paths/${escapePointer(
          route.template,
        )}/${m}/responses/${code}`;
    const resolved = response.$ref
      ? response.$ref
          .slice(2)
          .split('/')
          .reduce((o: Doc, k: string) => o[k], this.doc)
      : response;
    if (!resolved.content?.['application/json']) return undefined;
    const validate = this.ajv.getSchema(
      `${base}/content/application~1json/schema`,
    );
    if (!validate) return `no schema for ${method} ${route.template} ${status}`;
    return validate(body) ? undefined : this.ajv.errorsText(validate.errors);
  }

  /** Throws with the schema errors when the answer does not match the contract. */
  assert(method: string, url: string, status: number, body: unknown) {
    const problem = this.check(method, url, status, body);
    if (problem) {
      throw new Error(
        `${method} ${url} ${status} does not match the contract: ${problem}\n${JSON.stringify(
          body,
        )?.slice(0, 500)}`,
      );
    }
  }
}
