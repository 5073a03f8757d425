import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type ApiFailure, failure } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';
import type { ParamErrors } from './define.js';
import { collectList, isListSchema } from './list-params.js';

/**
 * Checks wire parameters (all strings) against an operation's input schema, property by property
 * in declaration order. The first missing required parameter or invalid value fails with the
 * operation's code for it (default MissingParameter / InvalidParameter), naming the parameter. An
 * empty value counts as absent. Unknown parameters are ignored, as Alibaba Cloud does. A list
 * parameter (a TypeBox array) is gathered from its `Name.N` entries (operations/list-params.ts).
 */
export function validateInput<S extends TObject>(
  schema: S,
  codes: Partial<Record<string, ParamErrors>>,
  params: Readonly<Record<string, string>>,
): Result<Static<S>, ApiFailure> {
  const required = new Set(schema.required ?? []);
  const out: Record<string, unknown> = {};
  const props: Record<string, TSchema> = schema.properties;
  for (const [name, prop] of Object.entries(props)) {
    if (isListSchema(prop)) {
      const list = collectList(name, prop, params);
      if (!list.ok) return err(failure(codes[name]?.invalid ?? 'InvalidParameter', list.error + describe(prop)));
      if (list.value.length === 0) {
        if (!required.has(name)) continue;
        const text = `The input parameter "${name}" that is mandatory for processing this request is not supplied.`;
        return err(failure(codes[name]?.missing ?? 'MissingParameter', text + describe(prop)));
      }
      if (!Value.Check(prop, list.value)) {
        const text = `The specified parameter "${name}" is not valid.`;
        return err(failure(codes[name]?.invalid ?? 'InvalidParameter', text + describe(prop)));
      }
      out[name] = list.value;
      continue;
    }
    const value = params[name];
    if (value === undefined || value === '') {
      if (!required.has(name)) continue;
      const text = `The input parameter "${name}" that is mandatory for processing this request is not supplied.`;
      return err(failure(codes[name]?.missing ?? 'MissingParameter', text + describe(prop)));
    }
    if (!Value.Check(prop, value)) {
      const text = `The specified parameter "${name}" is not valid.`;
      return err(failure(codes[name]?.invalid ?? 'InvalidParameter', text + describe(prop)));
    }
    out[name] = value;
  }
  if (!Value.Check(schema, out)) return err(failure('InvalidParameter', 'The parameters are not valid.'));
  return ok(out);
}

const describe = (schema: TSchema): string => (typeof schema.description === 'string' ? ` ${schema.description}` : '');
