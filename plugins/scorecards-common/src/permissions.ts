import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read KPI definitions, current values, history and rollups. Not a resource permission:
 * which entities count for a viewer is decided by the catalog's own read permission.
 */
export const scorecardsReadPermission = createPermission({
  name: 'scorecards.read',
  attributes: { action: 'read' },
});

export const scorecardsPermissions = [scorecardsReadPermission];
