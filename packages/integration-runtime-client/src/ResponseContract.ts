import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runtimeAdminDocument } from './generated/runtimeAdminDocument.generated';

type Doc = Record<string, any>;

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The problems reported for one off-contract answer, at most. */
const MAX_PROBLEMS = 3;

/**
 * Checks an answer of the runtime admin API against the response schema of its operation
 * in the OpenAPI 3.1 document, with a JSON Schema 2020-12 validator (what OpenAPI 3.1
 * schemas are). Operations are looked up by path template and method, as openapi-fetch
 * knows them; each operation's schema for a status is compiled once, on first use.
 */
export class ResponseContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  /** `GET /v1/dlqs 200` → its validator, or null when the answer has no JSON body. */
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(private readonly doc: Doc = runtimeAdminDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'openapi' });
  }

  /**
   * What is wrong with an answer (`schemaPath` is the operation's path template, e.g.
   * `/v1/dlqs/{dlq}`), or an empty list when it matches the contract. `notJson`: the
   * body could not be parsed (wrong only where the answer is declared as JSON).
   */
  problems(
    method: string,
    schemaPath: string,
    status: number,
    body: unknown,
    options: { notJson?: boolean } = {},
  ): string[] {
    const m = method.toLowerCase();
    const operation = this.doc.paths?.[schemaPath]?.[m];
    if (!operation) {
      return [`${method.toUpperCase()} ${schemaPath} is not in the contract`];
    }
    const code = operation.responses?.[String(status)]
      ? String(status)
      : 'default';
    const response = operation.responses?.[code];
    if (!response) return [`status ${status} is not declared`];
    const key = `${m} ${schemaPath} ${code}`;
    let validate = this.validators.get(key);
    if (validate === undefined) {
      validate = this.compile(schemaPath, m, code, response);
      this.validators.set(key, validate);
    }
    if (!validate) return [];
    if (options.notJson) return ['the body is not JSON'];
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, MAX_PROBLEMS)
      .map(e => `${e.instancePath || '(body)'} ${e.message}`);
  }

  private compile(
    schemaPath: string,
    method: string,
    code: string,
    response: Doc,
  ): ValidateFunction | null {
    // A shared response is compiled where it is defined, so its $refs resolve alike.
    const [base, resolved] = response.$ref
      ? [
          `openapi${response.$ref}`,
          (response.$ref as string)
            .slice(2)
            .split('/')
            .reduce((o: Doc, k: string) => o?.[k], this.doc),
        ]
      : [
          `openapi#/paths/${escapePointer(
            schemaPath,
          )}/${method}/responses/${code}`,
          response,
        ];
    if (!resolved?.content?.['application/json']) return null;
    const validate = this.ajv.getSchema(
      `${base}/content/application~1json/schema`,
    );
    if (!validate) {
      throw new Error(
        `runtime admin contract: no schema for ${method.toUpperCase()} ${schemaPath} ${code}`,
      );
    }
    return validate;
  }
}
