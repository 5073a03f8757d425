import { attachOperation } from './attachment-ops.js';

/** Detaches a policy from a group; effective for its users from the next request. */
export default attachOperation('Group', 'Detach');
