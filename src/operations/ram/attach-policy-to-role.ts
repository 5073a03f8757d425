import { attachOperation } from './attachment-ops.js';

/** Attaches a system or custom policy to a role; effective from the next request. */
export default attachOperation('Role', 'Attach');
