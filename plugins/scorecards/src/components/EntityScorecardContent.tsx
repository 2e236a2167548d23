import { Content } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { catalogTitle } from '../shaping/entityNames';
import { EntityScorecardView } from './EntityScorecardView';

/** The Scorecard tab of a Group, System or Journey entity. */
export const EntityScorecardContent = () => {
  const { entity } = useEntity();
  return (
    <Content>
      <EntityScorecardView
        entityRef={stringifyEntityRef(entity)}
        title={catalogTitle(entity)}
      />
    </Content>
  );
};
