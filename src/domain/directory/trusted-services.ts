/**
 * The trusted services that accept delegated administrators, read once from the data file
 * src/domain/directory/trusted-services.json (kept in the source tree; the build reads it there).
 */
import fs from 'node:fs';
import { repoPath } from '../../lib/repo-root.js';

export interface TrustedService {
  servicePrincipal: string;
  name: string;
  maxDelegatedAdministrators: number;
}

const DATA_FILE = repoPath('src', 'domain', 'directory', 'trusted-services.json');

function load(): ReadonlyMap<string, TrustedService> {
  const data = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as { services: TrustedService[] };
  return new Map(data.services.map((s) => [s.servicePrincipal, s]));
}

let cache: ReadonlyMap<string, TrustedService> | undefined;

/** Every trusted service that supports delegated administrators, by service principal. */
export function trustedServices(): ReadonlyMap<string, TrustedService> {
  cache ??= load();
  return cache;
}
