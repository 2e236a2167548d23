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
