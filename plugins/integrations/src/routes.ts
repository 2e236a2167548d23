import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The explore page of APIs, topics and queues. */
export const rootRouteRef = createRouteRef();

/** The page of entities whose catalog processing failed. */
export const catalogErrorsRouteRef = createRouteRef();
