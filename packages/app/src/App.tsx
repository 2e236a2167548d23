import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogGraphIntegrationsModule } from '@internal/plugin-integrations';
import { navModule } from './modules/nav';

// Other plugins are discovered from package.json (app.packages: all).
export default createApp({
  features: [catalogPlugin, navModule, catalogGraphIntegrationsModule],
});
