import { InputError } from '@backstage/errors';
import { UnsupportedMediaTypeError } from './ingestErrors';
import {
  ExportTraceServiceRequest,
  ExportTraceServiceResponse,
} from './otlpProto';

/** The protobuf message type; tests encode protobuf bodies with it. */
export { ExportTraceServiceRequest };

export type OtlpEncoding = 'json' | 'protobuf';

export function encodingOf(contentType: string | undefined): OtlpEncoding {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-protobuf' || type === 'application/protobuf')
    return 'protobuf';
  throw new UnsupportedMediaTypeError(
    `content type ${
      type ? `'${type}'` : '(none)'
    } is not OTLP; send application/json or application/x-protobuf`,
  );
}

/** Parses an export request into the OTLP/JSON shape the normalizer validates. */
export function decodeRequest(body: Buffer, encoding: OtlpEncoding): unknown {
  if (encoding === 'json') {
    try {
      return JSON.parse(body.toString('utf-8'));
    } catch (e) {
      throw new InputError(`the body is not JSON: ${(e as Error).message}`);
    }
  }
  try {
    // As a plain object with the OTLP/JSON field names and only the fields that were sent
    // (an AnyValue holds just the one value it carries, as in OTLP/JSON); ids stay bytes and
    // 64-bit values Longs, which the normalizer reads as they are.
    return ExportTraceServiceRequest.toObject(
      ExportTraceServiceRequest.decode(body),
      { defaults: false },
    );
  } catch (e) {
    throw new InputError(
      `the body is not an OTLP ExportTraceServiceRequest in protobuf: ${
        (e as Error).message
      }`,
    );
  }
}

export function encodeResponse(
  encoding: OtlpEncoding,
  partialSuccess?: { rejectedSpans: number; errorMessage: string },
): { contentType: string; body: Buffer | string } {
  if (encoding === 'json') {
    return {
      contentType: 'application/json',
      body: JSON.stringify(partialSuccess ? { partialSuccess } : {}),
    };
  }
  const message = ExportTraceServiceResponse.create(
    partialSuccess ? { partialSuccess } : {},
  );
  return {
    contentType: 'application/x-protobuf',
    body: Buffer.from(ExportTraceServiceResponse.encode(message).finish()),
  };
}
