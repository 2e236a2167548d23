import { BrokerState } from '../broker/types';
import { ExternalSystemsStore } from '../external/ExternalSystemsStore';
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
  /** The simulated external systems' durable idempotency store and tap. */
  external: ExternalSystemsStore;
  brokerState: () => BrokerState;
  /** Fault injection for crash tests: called right after an external call succeeded. */
  afterExternalCall?: (step: string) => void;
  /** Base URL of the services' HTTP server, e.g. http://127.0.0.1:7301 */
  servicesUrl: () => string;
}
