import type { Operation } from '../define.js';
import assumeRole from './assume-role.js';
import getCallerIdentity from './get-caller-identity.js';

/** Every STS (2015-04-01) operation resdir serves, listed explicitly. */
export const stsOperations: readonly Operation[] = [assumeRole, getCallerIdentity];
