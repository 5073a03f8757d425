import { listForOperation } from './attachment-ops.js';

/** The policies attached to a role, with their attach dates. */
export default listForOperation('Role');
