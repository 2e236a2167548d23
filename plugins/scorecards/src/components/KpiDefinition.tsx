import { Tooltip, Typography } from '@material-ui/core';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';

/** A KPI's title with its definition on hover and focus. */
export const KpiTitle = ({
  title,
  description,
  variant = 'subtitle2',
}: {
  title: string;
  description: string;
  variant?: 'subtitle2' | 'h6' | 'inherit';
}) => (
  <Tooltip title={description} arrow>
    <Typography
      variant={variant}
      component="span"
      tabIndex={0}
      aria-label={`${title}: ${description}`}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      {title}
      <InfoOutlinedIcon style={{ fontSize: '1em', opacity: 0.6 }} />
    </Typography>
  </Tooltip>
);
