// Prints one closing line for the whole suite from the Jest and Playwright JSON reports.
const fs = require('node:fs');
const path = require('node:path');
// checksFailed: the static checks that failed, space-separated (lint, format, tsc).
const [dir, seconds, checksFailed = ''] = process.argv.slice(2);
const read = name => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf-8'));
  } catch {
    return undefined;
  }
};
const jest = read('jest.json');
const pw = read('playwright.json');
const unit = jest
  ? {
      passed: jest.numPassedTests,
      failed: jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0),
      skipped: jest.numPendingTests,
    }
  : { passed: 0, failed: 1, skipped: 0 };
const e2e = pw
  ? {
      passed: pw.stats.expected + pw.stats.flaky,
      failed: pw.stats.unexpected,
      skipped: pw.stats.skipped,
    }
  : { passed: 0, failed: 1, skipped: 0 };
console.log(
  `jest: ${unit.passed} passed, ${unit.failed} failed${
    jest ? '' : ' (no report)'
  }`,
);
console.log(
  `playwright: ${e2e.passed} passed, ${e2e.failed} failed${
    pw ? '' : ' (no report)'
  }`,
);
const failedChecks = checksFailed.split(' ').filter(Boolean);
for (const check of ['lint', 'format', 'tsc']) {
  console.log(
    `${check}: ${failedChecks.includes(check) ? 'failed' : 'passed'}`,
  );
}
const failed = unit.failed + e2e.failed + failedChecks.length;
console.log(`(${seconds}s in all)`);
console.log(
  `Summary: ${unit.passed + e2e.passed} passed, ${failed} failed, ${
    unit.skipped + e2e.skipped
  } skipped`,
);
process.exit(failed > 0 ? 1 : 0);
