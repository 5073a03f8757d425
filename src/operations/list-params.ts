/**
 * Repeated parameters of the RPC wire form: a list of strings travels as `Name.1`, `Name.2`, …; a
 * list of objects as `Name.1.Key`, `Name.1.Value`, …. An input schema declares such a parameter as
 * a TypeBox array (of strings or of objects of strings) with `maxItems`; `collectList` gathers its
 * entries in index order. Indexes run from 1 to maxItems (gaps allowed, no leading zeros); a bare
 * `Name`, an index out of range or an unknown field is refused. An entry whose fields are all empty counts as absent.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { err, ok, type Result } from '../lib/result.js';

export function isListSchema(schema: TSchema): boolean {
  return schema[Kind] === 'Array';
}

const ENTRY = /^([1-9][0-9]{0,3})(?:\.([A-Za-z]{1,32}))?$/;

export function collectList(
  name: string,
  schema: TSchema,
  params: Readonly<Record<string, string>>,
): Result<unknown[], string> {
  if ((params[name] ?? '') !== '') return err(`Send "${name}" as ${name}.N entries, not as one value.`);
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : 50;
  const items = schema.items as TSchema | undefined;
  const fields = items?.[Kind] === 'Object' ? Object.keys(items.properties as Record<string, unknown>) : undefined;
  const entries = new Map<number, Record<string, string> | string>();
  const prefix = `${name}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const m = ENTRY.exec(key.slice(prefix.length));
    const index = m ? Number(m[1]) : 0;
    if (!m || index < 1 || index > max) return err(`"${key}" is not valid: ${name}.N takes N from 1 to ${max}.`);
    const field = m[2];
    if (fields === undefined) {
      if (field !== undefined) return err(`"${key}" is not valid: use ${name}.N.`);
      if (value !== '') entries.set(index, value);
      continue;
    }
    if (field === undefined || !fields.includes(field)) {
      return err(`"${key}" is not valid: use ${fields.map((f) => `${name}.N.${f}`).join(' and ')}.`);
    }
    const entry = (entries.get(index) as Record<string, string> | undefined) ?? {};
    entry[field] = value;
    entries.set(index, entry);
  }
  const list = [...entries.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, v]) => v)
    .filter((v) => typeof v === 'string' || Object.values(v).some((f) => f !== ''));
  return ok(list);
}
