module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Shared suites (not *.test.ts, jest does not run them alone) that each
      // implementation's test file imports and runs: exporting is their purpose.
      files: ['src/**/testing/*Conformance.ts'],
      rules: { 'jest/no-export': 'off' },
    },
  ],
});
