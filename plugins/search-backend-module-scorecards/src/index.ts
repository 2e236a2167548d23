/**
 * Search: the Scorecards page and each team's, system's and journey's scorecard.
 *
 * @packageDocumentation
 */

export { searchModuleScorecardsCollator as default } from './module';
export {
  ScorecardCollatorFactory,
  SCORECARD_DOCUMENT_TYPE,
  SCORECARD_KINDS,
} from './ScorecardCollatorFactory';
export type { ScorecardDocument } from './ScorecardCollatorFactory';
