import { ContractValidator as Validator } from '@internal/plugin-dlq-common';
import { loadOpenApiDocument } from '../admin/AdminServer';

/** The portal's contract validator, on the runtime's own openapi.yaml as it is now. */
export class ContractValidator extends Validator {
  constructor() {
    super(loadOpenApiDocument());
  }
}
