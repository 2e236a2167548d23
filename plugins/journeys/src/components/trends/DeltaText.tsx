import { Typography } from '@material-ui/core';
import { DELTA_COLOURS, type Delta } from './JourneyTrendLayout';

/** '+12 % vs previous 24 h' in the colour of better, worse or unchanged; nothing without a delta. */
export const DeltaText = ({
  delta,
  inline,
}: {
  delta: Delta | null;
  inline?: boolean;
}) =>
  delta ? (
    <Typography
      variant="caption"
      display={inline ? 'inline' : 'block'}
      component="span"
      style={{ color: DELTA_COLOURS[delta.verdict], whiteSpace: 'nowrap' }}
      title={`${delta.verdict} than the previous period`}
    >
      {delta.text}
    </Typography>
  ) : null;
