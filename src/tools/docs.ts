import { ERROR_CATALOG, type ErrorCode } from '../errors/catalog.js';
import { ALL_OPERATIONS } from '../operations/registry.js';
import type { OperationMeta } from '../operations/define.js';

const ANY_AUTHENTICATED = 'any authenticated identity (no policy check)';

/** docs/errors.md: the catalog as a table. Generated; a test keeps the file in step. */
export function errorsMarkdown(): string {
  const users = new Map<string, string[]>();
  for (const op of ALL_OPERATIONS) {
    const paramCodes = Object.values(op.paramErrors ?? {}).flatMap((p) => (p ? [p.missing, p.invalid] : []));
    for (const c of new Set([...paramCodes, ...op.errors])) users.set(c, [...(users.get(c) ?? []), op.action]);
  }
  const rows = (Object.keys(ERROR_CATALOG) as ErrorCode[]).map((code) => {
    const e = ERROR_CATALOG[code];
    const ops = users.get(code)?.join(', ') ?? 'any (gateway / authorization / service)';
    return `| \`${code}\` | ${e.status} | ${e.message.replace(/\|/g, '\\|')} | ${ops} |`;
  });
  return [
    '# Error codes',
    '',
    'Generated from `src/errors/catalog.ts` by `npm run docs`; `test/docs.test.ts` fails when this file is stale.',
    'Every error body is `{"RequestId","HostId","Code","Message","Recommend"}` with the HTTP status below.',
    'Messages here are the defaults; many answers carry a more specific message naming the parameter or limit.',
    '',
    '| Code | HTTP | Default message | Returned by |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** docs/operations.md: every served operation with its versions, RAM action, parameters and errors. */
export function operationsMarkdown(): string {
  const out = [
    '# Operations',
    '',
    'Generated from the operation specs in `src/operations/` by `npm run docs`; `test/docs.test.ts` fails when ' +
      'this file is stale.',
    'All operations also return the gateway, authentication and authorization errors of `errors.md`.',
    '',
  ];
  for (const op of ALL_OPERATIONS) {
    const required = new Set(op.input.required ?? []);
    const params = Object.entries(op.input.properties as Record<string, { description?: string }>).map(
      ([name, s]) =>
        `\`${name}\`${required.has(name) ? ' (required)' : ''}${s.description ? ` — ${s.description}` : ''}`,
    );
    out.push(
      `## ${op.action}`,
      '',
      `- Product: ${op.product}; versions: ${op.versions.join(', ')}`,
      `- RAM action: \`${op.ramAction}\``,
      `- Caller: ${op.authorization === 'any-authenticated' ? ANY_AUTHENTICATED : callerText(op)}`,
      `- Parameters: ${params.length ? params.join('; ') : 'none'}`,
      `- Errors: ${op.errors.map((c) => `\`${c}\``).join(', ')}`,
      '',
    );
  }
  return out.join('\n');
}

function callerText(op: Pick<OperationMeta, 'callerRule' | 'readOnly'>): string {
  const readOnly = op.readOnly === true;
  const delegated = readOnly ? ' or of a delegated administrator' : '';
  switch (op.callerRule) {
    case 'management-ram-identity':
      return 'a RAM identity of the management account (root → `CallerIdentityError`)';
    case 'management-account':
      return (
        `an identity of the management account${delegated} allowed by policy ` +
        `(${readOnly ? 'another' : 'a'} member → \`NoPermission\`)`
      );
    case 'management-or-self':
      return `an identity of the management account${delegated}, or a member about its own account, allowed by policy`;
    default:
      return 'any identity allowed by policy';
  }
}
