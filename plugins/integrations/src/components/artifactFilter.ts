import { EntityFilterQuery } from '@backstage/catalog-client';
import { MESSAGING_RESOURCE_TYPES } from '@internal/plugin-integrations-common';

export type ExploreSelection = Partial<
  Record<'type' | 'owner' | 'system' | 'lifecycle' | 'protocol', string>
>;

/** What a row needs: no API definitions, no full specs. */
export const EXPLORE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.system',
  'spec.lifecycle',
  'spec.broker',
  'spec.deprecation',
  'relations',
];

const API_PROTOCOL_TYPES: Record<string, string> = {
  http: 'openapi',
  events: 'asyncapi',
};

/**
 * The explore selection as a catalog filter: each object is one alternative (APIs, or
 * messaging resources); a selected field narrows or drops the alternatives.
 */
export function artifactFilter(selected: ExploreSelection): EntityFilterQuery {
  let api: Record<string, string | string[]> | undefined = { kind: 'API' };
  let resource: Record<string, string | string[]> | undefined = {
    kind: 'Resource',
    'spec.type': [...MESSAGING_RESOURCE_TYPES],
  };
  if (selected.type) {
    if (
      (MESSAGING_RESOURCE_TYPES as readonly string[]).includes(selected.type)
    ) {
      api = undefined;
      resource = { ...resource, 'spec.type': selected.type };
    } else {
      resource = undefined;
      api = { ...api, 'spec.type': selected.type };
    }
  }
  if (selected.protocol) {
    const apiType = API_PROTOCOL_TYPES[selected.protocol];
    if (apiType) {
      resource = undefined;
      if (api && api['spec.type'] && api['spec.type'] !== apiType)
        api = undefined;
      else if (api) api = { ...api, 'spec.type': apiType };
    } else {
      api = undefined;
      if (resource)
        resource = { ...resource, 'spec.broker': selected.protocol };
    }
  }
  const common: Record<string, string> = {};
  if (selected.owner) common['relations.ownedBy'] = selected.owner;
  if (selected.system) common['spec.system'] = selected.system;
  if (selected.lifecycle) common['spec.lifecycle'] = selected.lifecycle;
  const alternatives = [api, resource].filter(
    (x): x is Record<string, string | string[]> => !!x,
  );
  // Nothing can match (e.g. type openapi with protocol rabbitmq): ask for an impossible kind.
  if (alternatives.length === 0) return [{ kind: 'None' }];
  return alternatives.map(a => ({ ...a, ...common }));
}
