import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runtimeAdminDocument } from './runtimeAdminDocument.generated';

type Doc = Record<string, any>;

/**
 * Checks runtime admin API answers against its OpenAPI 3.1 document with a JSON Schema
 * 2020-12 validator (what OpenAPI 3.1 schemas are). The portal uses it on every answer
 * from a runtime, the runtime's own tests on every answer they read.
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Array<{ template: string; pattern: RegExp }>;

  constructor(private readonly doc: Doc = runtimeAdminDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...this.doc, $id: 'openapi' });
    // Literal paths first: /v1/messages/archive before /v1/messages/{id}.
    this.routes = Object.keys(this.doc.paths)
      .sort((a, b) => a.split('{').length - b.split('{').length)
      .map(template => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }));
  }

  private resolve(obj: Doc): Doc {
    return obj?.$ref
      ? this.resolve(
          obj.$ref
            .replace(/^#\//, '')
            .split('/')
            .reduce((o: Doc, k: string) => o[k], this.doc),
        )
      : obj;
  }

  /** The schema errors of an answer, or undefined when it matches the contract. */
  check(
    method: string,
    url: string,
    status: number,
    body: unknown,
  ): string | undefined {
    const path = new URL(url, 'http://x').pathname;
    const route = this.routes.find(r => r.pattern.test(path));
    if (!route) return `${path} is not in the contract`;
    const operation = this.doc.paths[route.template][method.toLowerCase()];
    if (!operation) return `${method} ${route.template} is not in the contract`;
    const response =
      operation.responses[String(status)] ?? operation.responses.default;
    if (!response)
      return `${method} ${route.template} does not declare status ${status}`;
    const resolved = this.resolve(response);
    const media = resolved.content?.['application/json'];
    if (!media) return undefined;
    const pointer =
      resolved === response
        ? `openapi#/paths/${route.template
            .replace(/~/g, '~0')
            .replace(
              /\//g,
              '~1',
            )}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`
        : `openapi#/components/responses/${response.$ref
            .split('/')
            .pop()}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(pointer);
    if (!validate) return `no schema at ${pointer}`;
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
