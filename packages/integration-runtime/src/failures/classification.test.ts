import { classifyFailure, FailureFacts, FailureKind } from './classification';

const facts = (f: Partial<FailureFacts>): FailureFacts => ({
  errorClass: 'Error',
  errorMessage: '',
  stage: 'book-invoice',
  attempts: 4,
  maxAttempts: 4,
  ...f,
});

describe('classifyFailure', () => {
  const cases: Array<[string, Partial<FailureFacts>, FailureKind, RegExp]> = [
    [
      'schema-invalid payload',
      {
        errorClass: 'SchemaValidationError',
        errorMessage:
          'order.created does not match its contract: total: Required',
        attempts: 1,
        permanentFlag: true,
      },
      'permanent',
      /^schema validation/,
    ],
    [
      'unparseable body',
      { errorClass: 'MalformedMessageError', attempts: 1 },
      'permanent',
      /schema validation/,
    ],
    [
      'HTTP 422 carried as a status',
      {
        errorClass: 'ErpRejectedError',
        errorMessage: 'POST /erp/invoices answered 422: {"error":"bad vat"}',
        httpStatus: 422,
        stage: 'legacy-erp',
        attempts: 1,
        permanentFlag: true,
      },
      'permanent',
      /^HTTP 422 from legacy-erp: the request is wrong, retrying will not help$/,
    ],
    [
      'HTTP 404 read from the message (no status header)',
      { errorClass: 'HttpCallError', errorMessage: 'GET /x answered 404' },
      'permanent',
      /^HTTP 404 from book-invoice/,
    ],
    [
      'HTTP 503 after all retries',
      {
        errorClass: 'ProviderUnavailableError',
        errorMessage: 'POST /erp/invoices answered 503 ({})',
        httpStatus: 503,
      },
      'transient',
      /^HTTP 503 from book-invoice: .*unavailable/,
    ],
    [
      'HTTP 429 is a request to slow down, not a wrong request',
      { errorClass: 'HttpCallError', httpStatus: 429 },
      'transient',
      /HTTP 429/,
    ],
    [
      'HTTP 408 request timeout',
      { errorClass: 'HttpCallError', httpStatus: 408 },
      'transient',
      /HTTP 408/,
    ],
    [
      'a timeout of the runtime',
      {
        errorClass: 'HttpTimeoutError',
        errorMessage: 'no answer from http://x/captures within 2000 ms',
      },
      'transient',
      /HttpTimeoutError/,
    ],
    [
      'a connection reset from another runtime',
      { errorClass: 'FetchError', errorMessage: 'read ECONNRESET' },
      'transient',
      /network/,
    ],
    [
      'a service that says it is unavailable',
      { errorClass: 'UpstreamError', errorMessage: 'inventory unavailable' },
      'transient',
      /UpstreamError/,
    ],
    [
      'broker unavailable',
      { errorClass: 'BrokerUnavailableError' },
      'transient',
      /BrokerUnavailableError/,
    ],
    [
      'an unknown error marked permanent by its consumer',
      { errorClass: 'BusinessRuleError', attempts: 1, permanentFlag: true },
      'permanent',
      /marked it unrecoverable/,
    ],
    [
      'an unknown error dead-lettered on its first attempt',
      { errorClass: 'BusinessRuleError', attempts: 1 },
      'permanent',
      /first attempt/,
    ],
    [
      'an unknown error after every retry',
      { errorClass: 'TypeError', errorMessage: 'x is undefined', attempts: 4 },
      'unknown',
      /^TypeError after 4 attempts/,
    ],
    [
      'a broker reject without failure context',
      { errorClass: 'DeadLettered', attempts: 1 },
      'unknown',
      /without failure context/,
    ],
    [
      'one attempt allowed: no evidence either way',
      { errorClass: 'BusinessRuleError', attempts: 1, maxAttempts: 1 },
      'unknown',
      /after 1 attempt:/,
    ],
  ];

  it.each(cases)('%s', (_name, input, kind, reason) => {
    const c = classifyFailure(facts(input));
    expect(c.kind).toBe(kind);
    expect(c.reason).toMatch(reason);
  });
});
