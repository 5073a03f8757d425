import { listForOperation } from './attachment-ops.js';

/** The policies attached to a group, with their attach dates. */
export default listForOperation('Group');
