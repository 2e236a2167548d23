import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ConfigReader } from '@backstage/config';
import searchModuleScorecardsCollator from './index';
import { readScheduleConfig } from './module';

describe('searchModuleScorecardsCollator', () => {
  it('adds the scorecard collator to search on its schedule', async () => {
    const added: Array<{ type: string }> = [];
    const search = createBackendPlugin({
      pluginId: 'search',
      register(env) {
        env.registerExtensionPoint(searchIndexRegistryExtensionPoint, {
          addCollator: ({ factory }) => {
            added.push(factory);
          },
          addDecorator: () => {},
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [
        search,
        searchModuleScorecardsCollator,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            search: {
              collators: {
                scorecards: {
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { minutes: 2 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    expect(added.map(f => f.type)).toEqual(['scorecard']);
    await backend.stop();
  });

  it('reads the schedule from config, with defaults, and names the key of a bad one', () => {
    expect(readScheduleConfig(new ConfigReader({}))).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 30 },
    });
    expect(
      readScheduleConfig(
        new ConfigReader({
          search: {
            collators: {
              scorecards: {
                schedule: { frequency: { minutes: 5 }, timeout: 'PT2M' },
              },
            },
          },
        }),
      ),
    ).toEqual({ frequency: { minutes: 5 }, timeout: { minutes: 2 } });
    expect(() =>
      readScheduleConfig(
        new ConfigReader({
          search: { collators: { scorecards: { schedule: { frequency: 7 } } } },
        }),
      ),
    ).toThrow(/^search\.collators\.scorecards\.schedule: /);
  });
});
