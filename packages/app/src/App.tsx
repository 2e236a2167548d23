import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogGraphIntegrationsModule } from '@internal/plugin-integrations';
import { navModule } from './modules/nav';
import { telemetryLoader } from './telemetry';

// Other plugins are discovered from package.json (app.packages: all). The telemetry
// loader starts browser tracing (Faro) before any API is created. Exported for App.test.tsx,
// which adds the discovered plugins by hand.
export const appFeatures = [
  telemetryLoader,
  catalogPlugin,
  navModule,
  catalogGraphIntegrationsModule,
];

export default createApp({ features: appFeatures });
