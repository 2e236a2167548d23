import { CodeSnippet } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MessageSchemaRef } from '@internal/plugin-integrations-common';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { SchemaRow, schemaRows } from './schemaRows';

const useStyles = makeStyles(theme => ({
  path: {
    fontFamily: 'monospace',
    whiteSpace: 'nowrap',
  },
  type: { fontFamily: 'monospace', color: theme.palette.text.secondary },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  details: { display: 'block' },
  cell: { verticalAlign: 'top' },
  head: { whiteSpace: 'nowrap' },
}));

const PropertyTable = ({
  rows,
  label,
}: {
  rows: SchemaRow[];
  label: string;
}) => {
  const classes = useStyles();
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The document gives no {label} schema.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`${label} schema`}>
      <TableHead>
        <TableRow>
          <TableCell className={classes.head}>Property</TableCell>
          <TableCell className={classes.head}>Type</TableCell>
          <TableCell className={classes.head}>Required</TableCell>
          <TableCell className={classes.head}>Description and rules</TableCell>
          <TableCell className={classes.head}>Example</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <TableRow key={`${row.path}-${row.variant ?? ''}-${i}`}>
            <TableCell className={classes.cell}>
              <span
                className={classes.path}
                style={{ paddingLeft: row.depth * 16 }}
              >
                {row.path}
              </span>
              {row.variant && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {row.variant}
                </Typography>
              )}
            </TableCell>
            <TableCell className={`${classes.cell} ${classes.type}`}>
              {row.type}
            </TableCell>
            <TableCell className={classes.cell}>
              {row.required ? 'yes' : ''}
            </TableCell>
            <TableCell className={classes.cell}>
              {row.description && (
                <Typography variant="body2">{row.description}</Typography>
              )}
              {row.constraints.length > 0 && (
                <Typography variant="caption" color="textSecondary">
                  {row.constraints.join(' · ')}
                </Typography>
              )}
            </TableCell>
            <TableCell className={`${classes.cell} ${classes.type}`}>
              {row.example}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** One message: its payload (and headers) as a property table, examples as JSON. */
export const MessageSchema = ({
  message,
  defaultExpanded,
}: {
  message: MessageSchemaRef;
  defaultExpanded?: boolean;
}) => {
  const classes = useStyles();
  const payloadRows = schemaRows(message.payload);
  const headerRows = schemaRows(message.headers);
  return (
    <Accordion
      defaultExpanded={defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`Message ${message.name}`}
      >
        <div className={classes.heading}>
          <Typography variant="subtitle1">
            <strong>{message.title ?? message.name}</strong>
          </Typography>
          {message.title && message.title !== message.name && (
            <Typography
              variant="body2"
              color="textSecondary"
              className={classes.type}
            >
              {message.name}
            </Typography>
          )}
          {message.contentType && (
            <Chip size="small" label={message.contentType} />
          )}
          {message.version && (
            <Chip
              size="small"
              variant="outlined"
              label={`v${message.version}`}
            />
          )}
          {message.api && (
            <Typography variant="caption" color="textSecondary">
              from <EntityRefLink entityRef={message.api} />
            </Typography>
          )}
        </div>
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        {(message.summary || message.description) && (
          <Box mb={2}>
            {message.summary && (
              <Typography variant="body2">{message.summary}</Typography>
            )}
            {message.description && message.description !== message.summary && (
              <Typography variant="body2" color="textSecondary">
                {message.description}
              </Typography>
            )}
          </Box>
        )}
        <Typography variant="overline">Payload</Typography>
        <PropertyTable rows={payloadRows} label="payload" />
        {headerRows.length > 0 && (
          <Box mt={2}>
            <Typography variant="overline">Headers</Typography>
            <PropertyTable rows={headerRows} label="headers" />
          </Box>
        )}
        {(message.examples ?? []).map((example, i) => (
          <Box mt={2} key={i}>
            <Typography variant="overline">
              Example{example.name ? ` ${example.name}` : ''}
            </Typography>
            {example.summary && (
              <Typography variant="body2" color="textSecondary">
                {example.summary}
              </Typography>
            )}
            <CodeSnippet
              language="json"
              text={JSON.stringify(example.payload, null, 2)}
            />
          </Box>
        ))}
      </AccordionDetails>
    </Accordion>
  );
};
