/**
 * The operations of the official Alibaba Cloud API for each product resdir serves, as data taken
 * from the official SDKs (src/tools/official-operations.ts regenerates it).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

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

const DATA_URL = new URL('../../src/coverage/official-operations.json', import.meta.url);

export function readOfficialApis(): OfficialApi[] {
  return (JSON.parse(fs.readFileSync(fileURLToPath(DATA_URL), 'utf8')) as { apis: OfficialApi[] }).apis;
}
