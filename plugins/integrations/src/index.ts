export { integrationsPlugin as default } from './plugin';
export { catalogGraphIntegrationsModule } from './catalogGraphModule';
