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

/**
 * Where the instances or messages behind a KPI live: the journey's page in Journeys
 * (its failed, stuck and slowest instances) and, for queue and replay KPIs, Dead letters.
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
  if (kind.toLocaleLowerCase('en-US') === 'journey') {
    links.push({
      title: 'Instances in Journeys',
      to: `/journeys/${enc(namespace)}/${enc(name)}`,
      description: 'failed, stuck and slowest instances of this journey',
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
