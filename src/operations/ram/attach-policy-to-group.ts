import { attachOperation } from './attachment-ops.js';

/** Attaches a system or custom policy to a group; effective from the next request. */
export default attachOperation('Group', 'Attach');
