/**
 * `node dist/tools/official-operations.js [--go-rd2022 DIR] [--go-actiontrail DIR]`: regenerates
 * src/coverage/official-operations.json, the list of every operation of the official API for each
 * product resdir serves, from the official SDKs' operation names.
 *
 * ResourceManager 2020-03-31, RAM 2015-05-01 and STS 2015-04-01 come from the installed npm SDK
 * packages. ResourceDirectoryMaster 2022-04-19 and ActionTrail 2020-07-06 have no npm SDK: pass a
 * checkout of the official Go SDK (alibabacloud-go/resourcedirectorymaster-20220419,
 * alibabacloud-go/actiontrail-20200706) to refresh them; without it their stored lists are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OFFICIAL_FILE, type OfficialApi, readOfficialApis } from '../coverage/official.js';

const NPM_SOURCES = [
  { product: 'ResourceManager', version: '2020-03-31', pkg: '@alicloud/resourcemanager20200331' },
  { product: 'Ram', version: '2015-05-01', pkg: '@alicloud/ram20150501' },
  { product: 'Sts', version: '2015-04-01', pkg: '@alicloud/sts20150401' },
] as const;
const GO_SOURCES = [
  { flag: '--go-rd2022', product: 'ResourceDirectoryMaster', version: '2022-04-19' },
  { flag: '--go-actiontrail', product: 'Actiontrail', version: '2020-07-06' },
] as const;

const unique = (names: Iterable<string>): string[] => [...new Set(names)].sort();

function fromNpm(pkg: string): { actions: string[]; source: string } {
  const dir = path.join('node_modules', pkg);
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const js = fs.readFileSync(path.join(dir, 'dist', 'client.js'), 'utf8');
  return {
    actions: unique([...js.matchAll(/action: "([A-Za-z0-9]+)"/g)].map((m) => m[1] ?? '')),
    source: `npm ${pkg}@${version}`,
  };
}

function fromGo(dir: string): string[] {
  const go = fs.readFileSync(path.join(dir, 'client', 'client.go'), 'utf8');
  return unique([...go.matchAll(/Action:\s+(?:dara|tea)\.String\("([A-Za-z0-9]+)"\)/g)].map((m) => m[1] ?? ''));
}

const args = process.argv.slice(2);
const kept = new Map(readOfficialApis().map((a) => [`${a.product} ${a.version}`, a]));
const apis: OfficialApi[] = NPM_SOURCES.map(({ product, version, pkg }) => ({ product, version, ...fromNpm(pkg) }));
for (const { flag, product, version } of GO_SOURCES) {
  const i = args.indexOf(flag);
  const dir = i >= 0 ? args[i + 1] : undefined;
  const old = kept.get(`${product} ${version}`);
  if (dir) apis.push({ product, version, actions: fromGo(dir), source: `official Go SDK (${path.basename(dir)})` });
  else if (old) apis.push(old);
  else throw new Error(`no stored list for ${product} ${version}: pass ${flag} DIR`);
}
fs.writeFileSync(OFFICIAL_FILE, `${JSON.stringify({ apis }, null, 2)}\n`);
console.log(`wrote ${OFFICIAL_FILE}: ${apis.map((a) => `${a.product} ${a.version} (${a.actions.length})`).join(', ')}`);
