import { configure } from '@testing-library/react';
import '@testing-library/jest-dom';

// recharts measures its container; jsdom has no ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;

// Rendering whole pages (material-table, dialogs) is slow on small CI machines.
jest.setTimeout(30_000);
// Pages load lazily and CI machines are busy: findBy*/waitFor wait up to 10 s, not 1 s.
configure({ asyncUtilTimeout: 10_000 });
