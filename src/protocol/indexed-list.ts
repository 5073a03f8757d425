/**
 * Repeat-list parameters as the clients flatten them (wire-protocol.md §4.2):
 * `Name.1=x&Name.2=y` → `['x', 'y']`, and `Tag.1.Key=a&Tag.1.Value=b&Tag.2.Key=c` →
 * `[{Key: 'a', Value: 'b'}, {Key: 'c'}]`.
 *
 * Contract: indices are decimal without leading zeros, start at 1 and have no gaps; a list is
 * either all scalars or all objects. Anything else is InvalidParameter naming the offending key.
 * No `Name.*` key at all gives an empty list. Objects have a null prototype.
 */
import { failure, type ApiFailure } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';

const INDEX = /^[1-9][0-9]{0,5}$/;

export function readIndexedList(
  params: Readonly<Record<string, string>>,
  name: string,
): Result<string[] | Array<Record<string, string>>, ApiFailure> {
  const prefix = `${name}.`;
  const scalars = new Map<number, string>();
  const objects = new Map<number, Record<string, string>>();
  const bad = (key: string, why: string) =>
    err(
      failure(
        'InvalidParameter',
        `The specified parameter "${key.length > 64 ? `${key.slice(0, 64)}…` : key}" is not valid: ${why}`,
      ),
    );

  for (const key of Object.keys(params)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const index = dot < 0 ? rest : rest.slice(0, dot);
    if (!INDEX.test(index)) return bad(key, 'the list index must be a positive integer.');
    const i = Number(index);
    const value = params[key] ?? '';
    if (dot < 0) {
      scalars.set(i, value);
    } else {
      const field = rest.slice(dot + 1);
      if (field === '') return bad(key, 'the field name is empty.');
      let item = objects.get(i);
      if (!item) {
        item = Object.create(null) as Record<string, string>;
        objects.set(i, item);
      }
      item[field] = value;
    }
    if (scalars.size > 0 && objects.size > 0) return bad(key, `"${name}" mixes plain values and fields.`);
  }

  const entries = scalars.size > 0 ? scalars : objects;
  for (let i = 1; i <= entries.size; i++) {
    if (!entries.has(i)) return bad(`${name}.${i}`, 'list indices must start at 1 and have no gaps.');
  }
  const ordered = [...entries.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  return ok(ordered as string[] | Array<Record<string, string>>);
}
