// No reds: red means error in the waterfall.
const PALETTE = [
  '#1e88e5',
  '#43a047',
  '#8e24aa',
  '#00897b',
  '#f9a825',
  '#5e35b1',
  '#6d4c41',
  '#00acc1',
  '#7cb342',
  '#3949ab',
];

/** A stable colour per service name, so one service looks the same in every trace. */
export function serviceColour(service: string): string {
  let h = 0;
  for (let i = 0; i < service.length; i++)
    h = (h * 31 + service.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}

export const ERROR_COLOUR = '#d32f2f';
export const ERROR_BACKGROUND = '#fdecea';
export const CRITICAL_OUTLINE = '#212121';

/** Diagonal stripes: an async (message-driven) span, as opposed to the solid bar of a synchronous call. */
export const asyncBarBackground = (colour: string) =>
  `repeating-linear-gradient(135deg, ${colour} 0 4px, rgba(255,255,255,0.55) 4px 7px)`;
