import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** The explore page of APIs, topics and queues. */
export const rootRouteRef = createRouteRef();

/** The page of entities whose catalog processing failed. */
export const catalogErrorsRouteRef = createRouteRef();

/**
 * One dead-letter queue's page in the dlq plugin (`dlq.queue` unless the app binds it
 * elsewhere); without the dlq plugin it resolves to nothing and no link is shown.
 */
export const deadLetterQueueRouteRef = createExternalRouteRef({
  params: ['runtime', 'dlq'],
  defaultTarget: 'dlq.queue',
});
