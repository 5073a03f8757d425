import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { failure, type ApiFailure } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';
import type { OperationSpec } from './define.js';

/**
 * Checks wire parameters (all strings) against the operation's input schema, property by
 * property in declaration order. The first missing required parameter or invalid value fails
 * with the spec's code for it (default MissingParameter / InvalidParameter), naming the parameter.
 * Unknown parameters are ignored, as Alibaba Cloud does.
 */
export function validateInput(
  spec: OperationSpec,
  params: Record<string, string>,
): Result<Record<string, string>, ApiFailure> {
  const required = new Set(spec.input.required ?? []);
  const out: Record<string, string> = {};
  const props = spec.input.properties as Record<string, TSchema>;
  for (const [name, schema] of Object.entries(props)) {
    const codes = (spec.paramErrors as Record<string, { missing: string; invalid: string }> | undefined)?.[name];
    const value = params[name];
    if (value === undefined || value === '') {
      if (required.has(name)) {
        return err(
          failure(
            (codes?.missing ?? 'MissingParameter') as never,
            `The input parameter "${name}" that is mandatory for processing this request is not supplied.${describe(schema)}`,
          ),
        );
      }
      continue;
    }
    if (!Value.Check(schema, value)) {
      return err(
        failure(
          (codes?.invalid ?? 'InvalidParameter') as never,
          `The specified parameter "${name}" is not valid.${describe(schema)}`,
        ),
      );
    }
    out[name] = value;
  }
  return ok(out);
}

const describe = (schema: TSchema): string => (typeof schema.description === 'string' ? ` ${schema.description}` : '');
