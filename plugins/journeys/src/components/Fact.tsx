import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';

/** A labelled figure in a page's header row. */
export const Fact = ({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) => (
  <Box mr={4} mb={1} data-testid={testId}>
    <Typography variant="caption" color="textSecondary" display="block">
      {label}
    </Typography>
    <Typography variant="body1" component="div">
      {children}
    </Typography>
  </Box>
);
