import protobuf from 'protobufjs';
import { decodeRequest } from './OtlpDecoder';
import {
  ExportTraceServiceRequest,
  ExportTraceServiceResponse,
} from './otlpProto';

const traceId = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex');
const spanId = Buffer.from('b7ad6b7169203331', 'hex');

describe('the OTLP trace messages', () => {
  it('decode every field the receiver reads, with OTLP/JSON names', () => {
    const bytes = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          {
            resource: {
              attributes: [
                { key: 'service.name', value: { stringValue: 'checkout' } },
              ],
            },
            scopeSpans: [
              {
                scope: { name: 'manual', version: '1.0.0' },
                spans: [
                  {
                    traceId,
                    spanId,
                    flags: 1,
                    name: 'POST /orders',
                    kind: 2,
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000250000000',
                    attributes: [
                      {
                        key: 'http.response.status_code',
                        value: { intValue: 201 },
                      },
                      { key: 'ok', value: { boolValue: true } },
                      {
                        key: 'list',
                        value: {
                          arrayValue: { values: [{ doubleValue: 1.5 }] },
                        },
                      },
                    ],
                    events: [
                      { timeUnixNano: '1700000000100000000', name: 'e' },
                    ],
                    links: [{ traceId, spanId, flags: 1 }],
                    status: { code: 2, message: 'boom' },
                  },
                ],
              },
            ],
          },
        ],
      }),
    ).finish();

    const decoded = decodeRequest(Buffer.from(bytes), 'protobuf') as any;
    const span = decoded.resourceSpans[0].scopeSpans[0].spans[0];
    expect(decoded.resourceSpans[0].resource.attributes[0]).toMatchObject({
      key: 'service.name',
      value: { stringValue: 'checkout' },
    });
    expect(Buffer.from(span.traceId).toString('hex')).toBe(
      traceId.toString('hex'),
    );
    expect(span).toMatchObject({ name: 'POST /orders', kind: 2, flags: 1 });
    expect(String(span.startTimeUnixNano)).toBe('1700000000000000000');
    // Only the value that was sent: a reader taking the first value present gets the int.
    expect(Object.keys(span.attributes[0].value)).toEqual(['intValue']);
    expect(Number(span.attributes[0].value.intValue)).toBe(201);
    expect(span.attributes[1].value).toEqual({ boolValue: true });
    expect(span.attributes[2].value.arrayValue.values[0].doubleValue).toBe(1.5);
    expect(span.events[0].name).toBe('e');
    expect(span.links[0].flags).toBe(1);
    expect(span.status).toMatchObject({ code: 2, message: 'boom' });
  });

  it('skip fields added upstream later, as protobuf does', () => {
    // A resource with an extra field (number 3, as opentelemetry-proto's entity refs).
    const writer = protobuf.Writer.create();
    writer.uint32((1 << 3) | 2).fork(); // resource_spans
    writer.uint32((1 << 3) | 2).fork(); // resource
    writer.uint32((3 << 3) | 2).bytes(Buffer.from('future'));
    writer.ldelim().ldelim();
    const decoded = decodeRequest(
      Buffer.from(writer.finish()),
      'protobuf',
    ) as any;
    expect(decoded.resourceSpans).toHaveLength(1);
    expect(decoded.resourceSpans[0].resource).toEqual({});
  });

  it('encode a partial success the way exporters read it', () => {
    const bytes = ExportTraceServiceResponse.encode(
      ExportTraceServiceResponse.create({
        partialSuccess: { rejectedSpans: 2, errorMessage: 'bad ids' },
      }),
    ).finish();
    expect(
      ExportTraceServiceResponse.toObject(
        ExportTraceServiceResponse.decode(bytes),
        { longs: Number },
      ),
    ).toEqual({
      partialSuccess: { rejectedSpans: 2, errorMessage: 'bad ids' },
    });
  });
});
