import { attachOperation } from './attachment-ops.js';

/** Attaches a system or custom policy to a user; effective from the next request. */
export default attachOperation('User', 'Attach');
