/**
 * The operations of the official Alibaba Cloud API for each product resdir serves, as data taken
 * from the official SDKs (src/tools/official-operations.ts regenerates it).
 */
import fs from 'node:fs';
import { repoPath } from '../lib/repo-root.js';

export interface OfficialApi {
  /** The product as the coverage report names it. */
  product: string;
  version: string;
  /** Where the list was taken from (SDK package and version). */
  source: string;
  actions: string[];
}

/** Path of the data file, in the source tree (the tool writes it, `npm run build` reads it from src). */
export const OFFICIAL_FILE = 'src/coverage/official-operations.json';

const DATA_FILE = repoPath('src', 'coverage', 'official-operations.json');

export function readOfficialApis(): OfficialApi[] {
  return (JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as { apis: OfficialApi[] }).apis;
}
