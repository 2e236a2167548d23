import { Box, Chip, Typography } from '@material-ui/core';
import { CSSProperties, ReactNode } from 'react';
import {
  asyncBarBackground,
  CRITICAL_OUTLINE,
  ERROR_COLOUR,
} from './serviceColour';

const SAMPLE = '#1e88e5';

const Item = ({
  sample,
  children,
}: {
  sample: ReactNode;
  children: ReactNode;
}) => (
  <Box display="flex" alignItems="center" mr={3} mb={0.5}>
    {sample}
    <Typography variant="caption" style={{ marginLeft: 6 }}>
      {children}
    </Typography>
  </Box>
);

const bar = (style: CSSProperties) => (
  <span
    style={{
      display: 'inline-block',
      width: 28,
      height: 10,
      borderRadius: 2,
      ...style,
    }}
  />
);

/** What the bars, connectors and chips of the waterfall mean. */
export const WaterfallLegend = () => (
  <Box
    display="flex"
    flexWrap="wrap"
    alignItems="center"
    data-testid="waterfall-legend"
  >
    <Item sample={bar({ background: SAMPLE })}>
      synchronous span (colour per service)
    </Item>
    <Item
      sample={
        <span style={{ display: 'inline-flex', alignItems: 'center' }}>
          <span
            style={{
              width: 5,
              height: 5,
              borderRadius: '50%',
              background: '#555',
            }}
          />
          <span style={{ width: 14, borderTop: '1px dashed #555' }} />
          {bar({ background: asyncBarBackground(SAMPLE), width: 14 })}
        </span>
      }
    >
      async hop: new trace started from a message (dashed from the producer)
    </Item>
    <Item
      sample={
        <Chip
          size="small"
          variant="outlined"
          label="producer"
          style={{ height: 18, fontSize: 10 }}
        />
      }
    >
      sends a message
    </Item>
    <Item sample={bar({ background: ERROR_COLOUR })}>error</Item>
    <Item
      sample={bar({
        background: SAMPLE,
        height: 14,
        outline: `2px solid ${CRITICAL_OUTLINE}`,
        outlineOffset: 1,
      })}
    >
      critical path
    </Item>
  </Box>
);
