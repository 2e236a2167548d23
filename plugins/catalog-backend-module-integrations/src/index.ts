export { catalogModuleIntegrations as default } from './module';
