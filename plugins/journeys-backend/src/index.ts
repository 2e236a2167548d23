export { journeysPlugin as default } from './plugin';
