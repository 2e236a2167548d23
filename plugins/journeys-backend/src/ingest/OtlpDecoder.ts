import { InputError } from '@backstage/errors';
// The OpenTelemetry project's own protobufjs code generated from opentelemetry-proto
// (the last otlp-transformer releases that ship it); we decode with it, never by hand.
import * as generated from '@opentelemetry/otlp-transformer/build/src/generated/root';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import {
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './ingestErrors';

const proto = (generated as any).opentelemetry.proto;
/** The generated message type; tests encode protobuf bodies with it. */
export const ExportTraceServiceRequest =
  proto.collector.trace.v1.ExportTraceServiceRequest;
const ExportTraceServiceResponse =
  proto.collector.trace.v1.ExportTraceServiceResponse;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const INFLATERS: Record<string, typeof gunzip | undefined> = Object.assign(
  Object.create(null),
  { gzip: gunzip, deflate: inflate },
);

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

/** Undoes Content-Encoding; the inflated size is capped so a zip bomb stops at the limit. */
export async function decompress(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  const inflater = INFLATERS[encoding];
  if (!inflater)
    throw new UnsupportedMediaTypeError(
      `content encoding '${encoding}' is not supported; use gzip`,
    );
  try {
    return await inflater(body, { maxOutputLength: maxBytes });
  } catch (e) {
    if (
      (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ||
      e instanceof RangeError
    ) {
      throw new PayloadTooLargeError(
        `the ${encoding} body inflates to more than ${maxBytes} bytes`,
      );
    }
    throw new InputError(
      `the body is not valid ${encoding}: ${(e as Error).message}`,
    );
  }
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
    // The decoded message has the OTLP/JSON field names; ids stay bytes and 64-bit values
    // Longs, which the normalizer reads as they are (no copy into plain objects).
    return ExportTraceServiceRequest.decode(body);
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
