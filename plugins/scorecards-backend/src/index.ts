/**
 * Scorecards backend: KPI snapshots from metric providers added by backend modules.
 *
 * @packageDocumentation
 */

export { scorecardsPlugin as default } from './plugin';
