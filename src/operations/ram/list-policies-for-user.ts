import { listForOperation } from './attachment-ops.js';

/** The policies attached to a user, with their attach dates. */
export default listForOperation('User');
