import { Content, Link } from '@backstage/core-components';
import { Breadcrumbs, Typography } from '@material-ui/core';
import { useParams } from 'react-router-dom';
import { useScorecardsLinks } from '../routes';
import { kindLabel } from '../shaping/entityNames';
import { EntityScorecardView } from './EntityScorecardView';
import { useEntityTitle } from './useEntityTitle';

/** `/scorecards/:kind/:namespace/:name`: a team's, system's or journey's scorecard. */
export const EntityScorecardPage = () => {
  const { kind = '', namespace = '', name = '' } = useParams();
  const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  const links = useScorecardsLinks();
  const title = useEntityTitle(entityRef);
  return (
    <Content>
      <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
        <Link to={links.overview()}>Scorecards</Link>
        <Typography color="textPrimary">{title}</Typography>
      </Breadcrumbs>
      <Typography variant="h5" component="h2" gutterBottom>
        {kindLabel(kind)} {title}
      </Typography>
      <EntityScorecardView entityRef={entityRef} title={title} />
    </Content>
  );
};
