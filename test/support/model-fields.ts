/** Compares a raw response with the official SDK's response model (its `names()` map). */
import { expect } from 'vitest';
import { rmModels } from './clients.js';

/**
 * Every field the SDK model `${model}` declares is present in `raw`, except `allowedMissing`
 * (each one documented in docs/decisions.md).
 */
export function expectModelFields(raw: unknown, model: string, allowedMissing: readonly string[] = []): void {
  const cls = rmModels[model] as { names(): Record<string, string> } | undefined;
  if (!cls) throw new Error(`the SDK has no model ${model}`);
  const declared = Object.values(cls.names());
  const have = Object.keys(raw as Record<string, unknown>);
  const missing = declared.filter((f) => !have.includes(f) && !allowedMissing.includes(f));
  expect(missing, `${model} fields resdir does not return`).toEqual([]);
}
