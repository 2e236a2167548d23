import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { JourneySloSection } from './JourneySloSection';

/** The SLOs tab of a Journey entity: the same section as on the journey page. */
export const EntitySloContent = () => {
  const { entity } = useEntity();
  return (
    <Content>
      <JourneySloSection
        journey={{
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        }}
      />
    </Content>
  );
};
