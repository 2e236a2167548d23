import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExternalSystemsStore } from './ExternalSystemsStore';

describe('ExternalSystemsStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-external-'));
  const file = path.join(dir, 'external.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers a repeated key with the first answer, also after a restart', () => {
    let n = 0;
    const book = () => ({ status: 201, body: { documentNumber: `49${++n}` } });
    const erp = new ExternalSystemsStore(file);
    const request = { step: 'invoices', businessId: 'ord_1' };
    expect(erp.once('legacy-erp', 'ord_1:book-invoice', request, book)).toEqual(
      { status: 201, body: { documentNumber: '491' }, repeated: false },
    );
    erp.close();

    const restarted = new ExternalSystemsStore(file);
    expect(
      restarted.once('legacy-erp', 'ord_1:book-invoice', request, book),
    ).toEqual({ status: 201, body: { documentNumber: '491' }, repeated: true });
    expect(n).toBe(1);
    expect(restarted.counts('ord_1')).toEqual({
      total: 1,
      repeatedKeys: 1,
      doubled: 0,
      bySystem: { 'legacy-erp': 1 },
    });
    restarted.close();
  });

  it('keeps no answer that failed, and counts a second booking under another key as doubled', () => {
    const erp = new ExternalSystemsStore(file);
    const request = { step: 'invoices', businessId: 'ord_2' };
    const refused = erp.once('legacy-erp', 'k1', request, () => ({
      status: 422,
      body: { code: 'KUNNR_UNKNOWN' },
    }));
    expect(refused.status).toBe(422);
    // The same key may be tried again once the cause is fixed.
    expect(
      erp.once('legacy-erp', 'k1', request, () => ({ status: 201, body: {} }))
        .repeated,
    ).toBe(false);
    // A caller without a stable key books twice: the tap shows it.
    erp.once('legacy-erp', 'k2', request, () => ({ status: 201, body: {} }));
    expect(erp.counts('ord_2')).toMatchObject({ total: 2, doubled: 1 });
    erp.close();
  });
});
