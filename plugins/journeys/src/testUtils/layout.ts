/**
 * jsdom does no layout, so every element is 0 px high and a virtualiser shows no rows. Give
 * elements a viewport height for one test; returns the restore function.
 */
export function stubElementHeight(px: number): () => void {
  const original = Object.getOwnPropertyDescriptor(
    HTMLElement.prototype,
    'clientHeight',
  );
  const originalWidth = Object.getOwnPropertyDescriptor(
    HTMLElement.prototype,
    'clientWidth',
  );
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => px,
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => 1200,
  });
  return () => {
    if (original)
      Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
    if (originalWidth)
      Object.defineProperty(
        HTMLElement.prototype,
        'clientWidth',
        originalWidth,
      );
  };
}
