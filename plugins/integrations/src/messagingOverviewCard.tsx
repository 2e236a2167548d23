import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMessagingResource } from '@internal/plugin-integrations-common';

/** On a topic's or queue's overview: broker and address, messages, producers, consumers, dead letters. */
export const messagingOverviewCard = EntityCardBlueprint.make({
  name: 'messaging-overview',
  params: {
    type: 'content',
    filter: entity =>
      isMessagingResource(entity) &&
      (entity.spec.type === 'topic' || entity.spec.type === 'queue'),
    loader: () =>
      import('./components/overview/MessagingOverviewCard').then(m => (
        <m.MessagingOverviewCard />
      )),
  },
});
