import { LoggerService } from '@backstage/backend-plugin-api';

/** The plugin's classes log through this: warnings and errors only, so figures stay readable. */
export const quietLogger = {
  info() {},
  debug() {},
  warn: (m: string) => console.warn(`warn: ${m}`),
  error: (m: string, e?: unknown) => console.error(`error: ${m}`, e),
  child: () => quietLogger,
} as unknown as LoggerService;
