import { artifactFilter } from './artifactFilter';

describe('artifactFilter', () => {
  const types = ['topic', 'queue', 'dead-letter-queue'];
  it('asks for APIs and messaging resources by default', () => {
    expect(artifactFilter({})).toEqual([
      { kind: 'API' },
      { kind: 'Resource', 'spec.type': types },
    ]);
  });
  it('narrows to one alternative by type and protocol, and adds owner, system, lifecycle to all', () => {
    expect(
      artifactFilter({ type: 'topic', owner: 'group:default/orders' }),
    ).toEqual([
      {
        kind: 'Resource',
        'spec.type': 'topic',
        'relations.ownedBy': 'group:default/orders',
      },
    ]);
    expect(
      artifactFilter({ protocol: 'http', lifecycle: 'production' }),
    ).toEqual([
      { kind: 'API', 'spec.type': 'openapi', 'spec.lifecycle': 'production' },
    ]);
    expect(
      artifactFilter({ protocol: 'rabbitmq', system: 'payments' }),
    ).toEqual([
      {
        kind: 'Resource',
        'spec.type': types,
        'spec.broker': 'rabbitmq',
        'spec.system': 'payments',
      },
    ]);
  });
  it('matches nothing for contradicting choices', () => {
    expect(artifactFilter({ type: 'openapi', protocol: 'rabbitmq' })).toEqual([
      { kind: 'None' },
    ]);
    expect(artifactFilter({ type: 'openapi', protocol: 'events' })).toEqual([
      { kind: 'None' },
    ]);
  });
});
