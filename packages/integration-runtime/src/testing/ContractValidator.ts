import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadOpenApiDocument } from '../admin/AdminServer';

type Doc = Record<string, any>;

/**
 * Checks admin API answers against openapi.yaml with a JSON Schema 2020-12 validator
 * (what OpenAPI 3.1 schemas are), independently of the server's own validation.
 */
export class ContractValidator {
  private readonly doc: Doc = loadOpenApiDocument();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Array<{ template: string; pattern: RegExp }>;

  constructor() {
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

  /** Throws with the schema errors when the answer does not match the contract. */
  assert(method: string, url: string, status: number, body: unknown) {
    const path = new URL(url, 'http://x').pathname;
    const route = this.routes.find(r => r.pattern.test(path));
    if (!route) throw new Error(`${path} is not in openapi.yaml`);
    const operation = this.doc.paths[route.template][method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${route.template} is not in openapi.yaml`);
    const response = operation.responses[String(status)] ?? operation.responses.default;
    if (!response) {
      throw new Error(
        `${method} ${route.template} does not declare status ${status}: ${JSON.stringify(body)?.slice(0, 500)}`,
      );
    }
    const resolved = this.resolve(response);
    const media = resolved.content?.['application/json'];
    if (!media) return;
    const pointer = resolved === response
      ? `openapi#/paths/${route.template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`
      : `openapi#/components/responses/${response.$ref.split('/').pop()}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(pointer);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    if (!validate(body)) {
      throw new Error(
        `${method} ${path} ${status} does not match the contract: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  }
}
