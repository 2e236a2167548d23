import { csvFilename, tableToCsv } from './tableCsv';

describe('tableToCsv', () => {
  const columns = [
    { header: 'Team', value: (r: { team: string; v?: number }) => r.team },
    { header: 'Value', value: (r: { team: string; v?: number }) => r.v },
  ];

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const csv = tableToCsv(columns, [
      { team: '=HYPERLINK("http://x")', v: 1 },
      { team: '+1', v: -3 },
      { team: '-2' },
      { team: '@SUM(A1)', v: 0 },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Team,Value',
      `"'=HYPERLINK(""http://x"")",1`,
      `"'+1",-3`,
      `"'-2",`,
      `"'@SUM(A1)",0`,
      '',
    ]);
  });

  it('quotes commas and keeps plain text as it is', () => {
    expect(tableToCsv(columns, [{ team: 'Orders, Billing', v: 2.5 }])).toBe(
      'Team,Value\r\n"Orders, Billing",2.5\r\n',
    );
  });
});

describe('csvFilename', () => {
  it('makes a file name of a title', () => {
    expect(csvFilename('Orders — KPIs on 2026-12-04')).toBe(
      'orders-kpis-on-2026-12-04.csv',
    );
    expect(csvFilename('???')).toBe('scorecard.csv');
  });
});
