// Users and dead-letter queues of the demo catalog (catalog-info/users.yaml, queues.yaml):
// finance-systems owns the ERP connector's queues; alice is in orders.
export const INES = 'user:default/ines.silva';
export const JONAS = 'user:default/jonas.weber';
export const ALICE = 'user:default/alice.nguyen';
export const DLQ = 'erp-connector.order-created';
/** Also owned by finance-systems, so Ines may replay it. */
export const OTHER_DLQ = 'erp-connector.payment-refunded';
