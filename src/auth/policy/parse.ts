/**
 * Parsing and validating RAM policy documents. Every refusal names the exact place and reason
 * ("Statement[1].Action[0]: …"), so CreatePolicy can answer MalformedPolicyDocument precisely.
 */
import { err, ok, type Result } from '../../lib/result.js';
import { isConditionOperator } from './conditions.js';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from './document.js';

export type PolicyKind = 'identity' | 'trust';

const MAX_DOCUMENT_LENGTH = 6144;
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/i;
const STATEMENT_KEYS = new Set([
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Principal',
  'Sid',
]);

/** A string or a non-empty array of non-empty strings, as a list; undefined when absent. */
function stringList(v: unknown, where: string): Result<string[] | undefined, string> {
  if (v === undefined) return ok(undefined);
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0)
    return err(`${where}: must be a string or a non-empty array of strings.`);
  for (const [i, s] of list.entries()) {
    if (typeof s !== 'string' || s.length === 0) return err(`${where}[${i}]: must be a non-empty string.`);
  }
  return ok(list as string[]);
}

function parseCondition(v: unknown, where: string): Result<ConditionBlock | undefined, string> {
  if (v === undefined) return ok(undefined);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return err(`${where}: must be an object of condition operators.`);
  const out: ConditionBlock = {};
  for (const [op, block] of Object.entries(v as Record<string, unknown>)) {
    if (!isConditionOperator(op)) return err(`${where}: unknown condition operator "${op}".`);
    if (typeof block !== 'object' || block === null || Array.isArray(block) || Object.keys(block).length === 0) {
      return err(`${where}.${op}: must be a non-empty object of condition keys.`);
    }
    out[op] = {};
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      if (!/^[a-z0-9-]+:[A-Za-z0-9/_.-]+$/i.test(key)) return err(`${where}.${op}: invalid condition key "${key}".`);
      const raw = typeof values === 'number' || typeof values === 'boolean' ? String(values) : values;
      const normalized = Array.isArray(raw)
        ? raw.map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x))
        : raw;
      const list = stringList(normalized, `${where}.${op}.${key}`);
      if (!list.ok) return list;
      out[op]![key] = list.value!;
    }
  }
  return ok(out);
}

function parsePrincipal(v: unknown, where: string): Result<Record<string, string[]>, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return err(`${where}: must be an object such as {"RAM": ["acs:ram::<uid>:root"]}.`);
  const out: Record<string, string[]> = {};
  for (const [type, values] of Object.entries(v as Record<string, unknown>)) {
    if (!['RAM', 'Service', 'Federated'].includes(type))
      return err(`${where}: unknown principal type "${type}"; use RAM, Service or Federated.`);
    const list = stringList(values, `${where}.${type}`);
    if (!list.ok) return list;
    out[type] = list.value!;
  }
  if (Object.keys(out).length === 0) return err(`${where}: names no principal.`);
  return ok(out);
}

function parseStatement(s: unknown, where: string, kind: PolicyKind): Result<PolicyStatement, string> {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return err(`${where}: must be an object.`);
  const o = s as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!STATEMENT_KEYS.has(k)) return err(`${where}: unknown element "${k}".`);
  if (o.Effect !== 'Allow' && o.Effect !== 'Deny') return err(`${where}.Effect: must be "Allow" or "Deny".`);
  const st: PolicyStatement = { Effect: o.Effect };
  if ((o.Action === undefined) === (o.NotAction === undefined))
    return err(`${where}: exactly one of Action and NotAction is required.`);
  for (const name of ['Action', 'NotAction'] as const) {
    const list = stringList(o[name], `${where}.${name}`);
    if (!list.ok) return list;
    if (!list.value) continue;
    const bad = list.value.findIndex((a) => !ACTION.test(a));
    if (bad >= 0) return err(`${where}.${name}[${bad}]: "${list.value[bad]}" is not "*" or "<service>:<action>".`);
    st[name] = list.value;
  }
  if (kind === 'trust') {
    if (o.Resource !== undefined || o.NotResource !== undefined)
      return err(`${where}: a trust policy takes Principal, not Resource.`);
    const p = parsePrincipal(o.Principal, `${where}.Principal`);
    if (!p.ok) return p;
    st.Principal = p.value;
  } else {
    if (o.Principal !== undefined) return err(`${where}.Principal: only trust policies name a principal.`);
    if ((o.Resource === undefined) === (o.NotResource === undefined))
      return err(`${where}: exactly one of Resource and NotResource is required.`);
    for (const name of ['Resource', 'NotResource'] as const) {
      const list = stringList(o[name], `${where}.${name}`);
      if (!list.ok) return list;
      if (!list.value) continue;
      const bad = list.value.findIndex((r) => r !== '*' && !r.startsWith('acs:'));
      if (bad >= 0)
        return err(`${where}.${name}[${bad}]: "${list.value[bad]}" is not "*" or an ARN starting with "acs:".`);
      st[name] = list.value;
    }
  }
  const cond = parseCondition(o.Condition, `${where}.Condition`);
  if (!cond.ok) return cond;
  if (cond.value) st.Condition = cond.value;
  return ok(st);
}

/** Parses a policy document; the error is a precise, caller-facing reason. */
export function parsePolicyDocument(text: string, kind: PolicyKind = 'identity'): Result<PolicyDocument, string> {
  if (text.length > MAX_DOCUMENT_LENGTH) return err(`The document is longer than ${MAX_DOCUMENT_LENGTH} characters.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err('The document is not valid JSON.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return err('The document must be a JSON object.');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== 'Version' && k !== 'Statement') return err(`Unknown top-level element "${k}".`);
  if (o.Version !== '1') return err('Version: must be "1".');
  const statements = Array.isArray(o.Statement) ? o.Statement : o.Statement !== undefined ? [o.Statement] : undefined;
  if (!statements || statements.length === 0) return err('Statement: must be a non-empty array.');
  const out: PolicyStatement[] = [];
  for (const [i, s] of statements.entries()) {
    const st = parseStatement(s, `Statement[${i}]`, kind);
    if (!st.ok) return st;
    out.push(st.value);
  }
  return ok({ Version: '1', Statement: out });
}

/** A document resdir itself wrote (system policies, stored versions): parse or throw. */
export function trustedDocument(text: string, kind: PolicyKind = 'identity'): PolicyDocument {
  const r = parsePolicyDocument(text, kind);
  if (!r.ok) throw new Error(`stored policy document is malformed: ${r.error}`);
  return r.value;
}
