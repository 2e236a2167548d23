import { Ledger } from '../store/Ledger';
import { Db } from '../store/RuntimeDatabase';
import { Telemetry } from '../telemetry/Telemetry';
import { Faults } from './Faults';
import { Messaging } from './Messaging';
import { Names } from './topology';
import { TracedHttp } from './TracedHttp';

/** What the demo services share inside one runtime process. */
export interface FlowDeps {
  db: Db;
  ledger: Ledger;
  faults: Faults;
  messaging: Messaging;
  http: TracedHttp;
  telemetry: Telemetry;
  names: Names;
  /** Base URL of the services' HTTP server, e.g. http://127.0.0.1:7301 */
  servicesUrl: () => string;
}
