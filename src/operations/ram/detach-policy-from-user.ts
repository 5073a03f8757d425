import { attachOperation } from './attachment-ops.js';

/** Detaches a policy from a user; effective from the next request. */
export default attachOperation('User', 'Detach');
