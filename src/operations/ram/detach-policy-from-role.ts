import { attachOperation } from './attachment-ops.js';

/** Detaches a policy from a role; effective from the next request. */
export default attachOperation('Role', 'Detach');
