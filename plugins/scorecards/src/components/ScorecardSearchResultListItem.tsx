import { Link } from '@backstage/core-components';
import type { SearchDocument } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { BaseSearchResultListItemProps } from '@backstage/plugin-search-react/alpha';
import {
  Box,
  Chip,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { kindLabel } from '../shaping/entityNames';

/** What the scorecards collator indexes besides title, text and location. */
interface ScorecardDocument extends SearchDocument {
  kind?: string;
  entityRef?: string;
}

type Highlight = {
  preTag: string;
  postTag: string;
  fields: Record<string, string>;
};

/**
 * A `scorecard` search result: the entity's scorecard by its title, the collator's text
 * (status, score, KPIs off target) and a chip with the entity's kind.
 */
export const ScorecardSearchResultListItem = (
  props: BaseSearchResultListItemProps<{ highlight?: Highlight }>,
) => {
  const result = props.result as ScorecardDocument | undefined;
  if (!result) return null;
  const { highlight } = props;
  const text = (field: 'title' | 'text', plain: string) =>
    highlight?.fields[field] ? (
      <HighlightedSearchResultText
        text={highlight.fields[field]}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      plain
    );
  return (
    <Box display="flex" data-testid="scorecard-search-result">
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <Box>
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {text('title', result.title)}
            </Link>
          }
          secondary={
            <Typography component="span" variant="body2" color="textSecondary">
              {text('text', result.text)}
            </Typography>
          }
        />
        <Box mb={1}>
          <Chip size="small" label="Scorecard" />
          {result.kind && (
            <Chip size="small" label={`Kind: ${kindLabel(result.kind)}`} />
          )}
        </Box>
      </Box>
    </Box>
  );
};
