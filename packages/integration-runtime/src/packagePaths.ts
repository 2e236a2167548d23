import path from 'node:path';

// Resolved through the package's own name, so it is the same directory whether the
// runtime runs from source (node transform), from a build, or inside another package's tests.
const packageDir = path.dirname(
  require.resolve('@internal/integration-runtime/package.json'),
);

/** A path inside this package (`openapi.yaml`, `src/index.ts`). */
export const packagePath = (...segments: string[]) =>
  path.join(packageDir, ...segments);
