import type { Operation } from '../define.js';
import lookupEvents from './lookup-events.js';

/** ActionTrail operations resdir serves (2020-07-06), listed explicitly. */
export const actionTrailOperations: readonly Operation[] = [lookupEvents];
