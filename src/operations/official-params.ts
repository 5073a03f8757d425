import { failure, type ApiFailure } from '../errors/catalog.js';

/**
 * The official parameters an operation does not implement, refused by name rather than silently
 * dropped: a parameter is present when it has a non-empty value, or, for a list parameter such as
 * `Tag`, when any `Tag.N…` entry is sent. Parameters outside the official API are still ignored,
 * as Alibaba's gateway ignores them.
 */
export function unsupportedParameter(
  official: readonly string[],
  implemented: ReadonlySet<string>,
  params: Readonly<Record<string, string>>,
): ApiFailure | undefined {
  const keys = Object.keys(params);
  for (const name of official) {
    if (implemented.has(name)) continue;
    const sent = (params[name] ?? '') !== '' || keys.some((k) => k.startsWith(`${name}.`));
    if (sent) {
      return failure(
        'UnsupportedParameter',
        `The parameter "${name}" is part of the Alibaba Cloud API, but resdir does not implement it. Leave it out.`,
      );
    }
  }
  return undefined;
}
