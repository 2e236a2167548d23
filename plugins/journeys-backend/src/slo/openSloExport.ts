import { parseEntityRef } from '@backstage/catalog-model';
import {
  JourneyObjective,
  parseDuration,
} from '@internal/plugin-journeys-common';
import { stringify } from 'yaml';
import type { JourneyDefinition } from '../catalog/JourneyCatalog';
import {
  escapeLabelValue,
  formatPrometheusFloat,
  JOURNEY_DURATION_METRIC,
  JOURNEY_INSTANCES_METRIC,
} from './prometheusExposition';

export const OPENSLO_API_VERSION = 'openslo/v1';

/** Where the original names live: OpenSLO names are RFC 1123 labels, ours are not. */
const ANNOTATION_PREFIX = 'switchboard.dev';
const MAX_NAME = 63;
const MAX_DESCRIPTION = 1050;
const MINUTE_MS = 60_000;

type OpenSloDocument = {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'Service' | 'SLI' | 'SLO';
  metadata: {
    name: string;
    displayName?: string;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
};

/**
 * Every journey as an OpenSLO v1 `Service`, and each of its objectives as an `SLI` (a counter
 * ratio over the Prometheus metrics of prometheusExposition.ts) and an `SLO` that refers to
 * it: a YAML stream that OpenSLO tools (oslo, Nobl9's sloctl, …) can read. Names are made
 * RFC 1123 labels and unique; the original names go to displayName and annotations.
 */
export function toOpenSlo(journeys: readonly JourneyDefinition[]): string {
  const serviceNames = new Set<string>();
  // An SLO and its SLI share a name (names are unique per kind).
  const objectiveNames = new Set<string>();
  const documents: OpenSloDocument[] = [];

  for (const journey of journeys) {
    const { namespace, name } = parseEntityRef(journey.ref, {
      defaultKind: 'journey',
      defaultNamespace: 'default',
    });
    const service = uniqueName(
      namespace === 'default' ? name : `${namespace}-${name}`,
      'journey',
      serviceNames,
    );
    documents.push({
      apiVersion: OPENSLO_API_VERSION,
      kind: 'Service',
      metadata: {
        name: service,
        ...displayName(journey.title),
        annotations: {
          [`${ANNOTATION_PREFIX}/journey`]: journey.ref,
          [`${ANNOTATION_PREFIX}/owner`]: journey.owner,
          ...(journey.system
            ? { [`${ANNOTATION_PREFIX}/system`]: journey.system }
            : {}),
        },
      },
      spec: description(journey.description),
    });

    for (const objective of journey.objectives) {
      const sloName = uniqueName(
        `${service}-${objective.name}`,
        `${service}-objective`,
        objectiveNames,
      );
      const annotations = {
        [`${ANNOTATION_PREFIX}/journey`]: journey.ref,
        [`${ANNOTATION_PREFIX}/objective`]: objective.name,
      };
      const selector = { namespace, journey: name };
      documents.push({
        apiVersion: OPENSLO_API_VERSION,
        kind: 'SLI',
        metadata: {
          name: sloName,
          ...displayName(`${journey.title}: ${objective.name}`),
          annotations,
        },
        spec: {
          ...description(indicatorDescription(objective)),
          ratioMetric: ratioMetric(objective, selector),
        },
      });

      const window = openSloDuration(objective.timeWindow);
      documents.push({
        apiVersion: OPENSLO_API_VERSION,
        kind: 'SLO',
        metadata: {
          name: sloName,
          ...displayName(`${journey.title}: ${objective.name}`),
          annotations: window.exact
            ? annotations
            : {
                ...annotations,
                [`${ANNOTATION_PREFIX}/time-window`]: objective.timeWindow,
              },
        },
        spec: {
          ...description(objective.description),
          service,
          indicatorRef: sloName,
          timeWindow: [{ duration: window.duration, isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [
            {
              ...(objective.name ? { displayName: objective.name } : {}),
              target: objective.target,
            },
          ],
        },
      });
    }
  }

  return documents
    .map(d => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

interface Selector {
  namespace: string;
  journey: string;
}

/**
 * Counters, not rates (`counter: true`): the tool takes the increase over its windows. Ratio
 * objectives count `good` among `total` (outcomes in neither are excluded), latency objectives
 * finished instances at or under the threshold, a bucket bound of the journey's histogram.
 */
function ratioMetric(objective: JourneyObjective, selector: Selector) {
  const indicator = objective.indicator;
  if ('latency' in indicator) {
    const le = formatPrometheusFloat(indicator.latency.thresholdMs / 1000);
    return {
      counter: true,
      good: prometheus(
        query(`${JOURNEY_DURATION_METRIC}_bucket`, selector, [`le="${le}"`]),
      ),
      total: prometheus(query(`${JOURNEY_DURATION_METRIC}_count`, selector)),
    };
  }
  const total: string[] = indicator.ratio.total.status;
  const good = indicator.ratio.good.status.filter(s => total.includes(s));
  const outcomes = (statuses: string[]) =>
    statuses.length === 1
      ? `outcome="${escapeLabelValue(statuses[0])}"`
      : `outcome=~"${statuses.map(regexLiteral).join('|')}"`;
  const totalSource = prometheus(
    query(JOURNEY_INSTANCES_METRIC, selector, [outcomes(total)]),
  );
  // Nothing in `total` is good: every event is bad (OpenSLO allows bad/total).
  if (good.length === 0)
    return { counter: true, bad: totalSource, total: totalSource };
  return {
    counter: true,
    good: prometheus(
      query(JOURNEY_INSTANCES_METRIC, selector, [outcomes(good)]),
    ),
    total: totalSource,
  };
}

function query(metric: string, selector: Selector, more: string[] = []) {
  const matchers = [
    `namespace="${escapeLabelValue(selector.namespace)}"`,
    `journey="${escapeLabelValue(selector.journey)}"`,
    ...more,
  ];
  return `sum(${metric}{${matchers.join(',')}})`;
}

function prometheus(q: string) {
  return { metricSource: { type: 'Prometheus', spec: { query: q } } };
}

function regexLiteral(text: string): string {
  return escapeLabelValue(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

function indicatorDescription(objective: JourneyObjective): string {
  const indicator = objective.indicator;
  if ('latency' in indicator)
    return `Finished journey instances (ok, failed) that took at most ${indicator.latency.thresholdMs} ms, among all finished ones.`;
  return `Journey instances whose outcome is ${indicator.ratio.good.status.join(
    ', ',
  )}, among those whose outcome is ${indicator.ratio.total.status.join(', ')}.`;
}

/**
 * A Journey duration (ms, s, m, h, d, w) in OpenSLO's shorthand (m, h, d, w, M, Q, Y):
 * seconds and milliseconds become whole minutes, rounded up when they are not (`exact`
 * false: the caller keeps the original beside it).
 */
export function openSloDuration(text: string): {
  duration: string;
  exact: boolean;
} {
  if (/^[1-9][0-9]*[mhdw]$/.test(text)) return { duration: text, exact: true };
  const ms = parseDuration(text);
  return {
    duration: `${Math.max(1, Math.ceil(ms / MINUTE_MS))}m`,
    exact: ms % MINUTE_MS === 0,
  };
}

/** A lowercase RFC 1123 label of at most 63 characters, not yet in `used`. */
function uniqueName(text: string, fallback: string, used: Set<string>) {
  const base = rfc1123Label(text) || rfc1123Label(fallback);
  const fit = (suffix: string) =>
    base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '') + suffix;
  let name = fit('');
  for (let n = 2; used.has(name); n++) name = fit(`-${n}`);
  used.add(name);
  return name;
}

function rfc1123Label(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function displayName(text: string) {
  return text.trim() ? { displayName: text } : {};
}

function description(text: string | undefined) {
  if (!text) return {};
  return {
    description:
      text.length <= MAX_DESCRIPTION
        ? text
        : `${text.slice(0, MAX_DESCRIPTION - 1)}…`,
  };
}
