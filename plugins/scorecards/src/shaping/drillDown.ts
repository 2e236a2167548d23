import { parseEntityRef } from '@backstage/catalog-model';

export interface DrillDownLink {
  title: string;
  to: string;
  /** What the reader finds there. */
  description: string;
}

const enc = encodeURIComponent;

/** KPIs measured on dead-letter queues or replays: their instances are dead letters. */
const DEAD_LETTER_KPI = /(^|\.)(dlq|deadLetter|replay)/i;
/** KPIs computed from journey instances. */
const JOURNEY_KPI = /^(journey|slo|mttr)\./i;

/**
 * Where the instances or messages behind a KPI live: the journey's page in Journeys
 * (its failed, stuck and slowest instances) or, for a team, its journeys' objectives in
 * Journeys and, for queue and replay KPIs, Dead letters.
 * Plain app paths, so the links work without either plugin's route refs.
 */
export function drillDownLinks(
  entityRef: string,
  kpiId: string,
): DrillDownLink[] {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultNamespace: 'default',
  });
  const links: DrillDownLink[] = [];
  const k = kind.toLocaleLowerCase('en-US');
  if (k === 'journey') {
    // A week, so the day a daily KPI describes is in the list.
    links.push({
      title: 'Instances in Journeys',
      to: `/journeys/${enc(namespace)}/${enc(name)}?window=7d`,
      description: 'failed, stuck and slowest instances of this journey',
    });
  } else if (k === 'group' && JOURNEY_KPI.test(kpiId)) {
    links.push({
      title: "The team's journeys in Journeys",
      to: `/journeys/slos?owner=${enc(`${k}:${namespace}/${name}`)}`,
      description:
        'the objectives of the journeys this team owns, least budget first; each leads to its instances',
    });
  }
  if (DEAD_LETTER_KPI.test(kpiId)) {
    links.push({
      title: 'Messages in Dead letters',
      to: '/dead-letters',
      description: 'the dead-letter queues, their messages and replays',
    });
  }
  return links;
}

/**
 * Where a rollup's member leads besides its own scorecard: a journey to its instances in
 * Journeys, a queue (a Resource with dead-letter KPIs) to Dead letters.
 */
export function memberDrillDown(
  entityRef: string,
  kind: string,
): DrillDownLink | undefined {
  const k = kind.toLocaleLowerCase('en-US');
  const { namespace, name } = parseEntityRef(entityRef, {
    defaultNamespace: 'default',
  });
  if (k === 'journey') {
    return {
      title: 'Instances',
      to: `/journeys/${enc(namespace)}/${enc(name)}?window=7d`,
      description: 'its failed, stuck and slowest instances in Journeys',
    };
  }
  if (k === 'resource') {
    return {
      title: 'Dead letters',
      to: '/dead-letters',
      description: 'the dead-letter queues, their messages and replays',
    };
  }
  return undefined;
}
