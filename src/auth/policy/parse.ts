/**
 * Parsing and validating RAM policy documents. Every refusal names the exact place and reason
 * ("Statement[1].Action[0]: …"), so CreatePolicy can answer MalformedPolicyDocument precisely.
 * JSON objects are copied into null-prototype objects, and every element name, condition operator
 * and condition key is checked against the language's own, so that no name an object answers to
 * (`__proto__`, `constructor`, `toString`, …) can parse and then vanish or change meaning.
 * In 'create' mode (a document a caller submits) the pattern caps and the principal forms of
 * names.ts apply too; 'stored' mode reads back what an earlier version of resdir accepted.
 */
import { err, ok, type Result } from '../../lib/result.js';
import { isConditionOperator } from './conditions.js';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from './document.js';
import { OBJECT_MEMBER_NAMES, patternProblem, principalProblem } from './names.js';

export type PolicyKind = 'identity' | 'trust';
export type ParseMode = 'create' | 'stored';
type Obj = Record<string, unknown>;

const MAX_DOCUMENT_LENGTH = 6144;
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/i;
const CONDITION_KEY = /^([a-z0-9-]+):([A-Za-z0-9/_.-]+)$/i;
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
const PRINCIPAL_TYPES = new Set(['RAM', 'Service', 'Federated'] as const);
const LIKE_OPERATORS = /^String(Not)?Like(IfExists)?$/;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullProto = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** JSON.parse into null-prototype objects (own keys only, "__proto__" included as a plain key). */
function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (!isObject(value)) return value;
    const o = nullProto<unknown>();
    for (const k of Object.keys(value)) o[k] = value[k];
    return o;
  });
}

/** A string or a non-empty array of non-empty strings, as a list; undefined when absent. */
function stringList(v: unknown, where: string): Result<string[] | undefined, string> {
  if (v === undefined) return ok(undefined);
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0)
    return err(`${where}: must be a string or a non-empty array of strings.`);
  const out: string[] = [];
  for (const [i, s] of list.entries()) {
    if (typeof s !== 'string' || s.length === 0) return err(`${where}[${i}]: must be a non-empty string.`);
    out.push(s);
  }
  return ok(out);
}

/** Refuses the first pattern over the caps (create mode only). */
function patterns(list: string[], where: string, mode: ParseMode): Result<string[], string> {
  if (mode === 'stored') return ok(list);
  for (const [i, s] of list.entries()) {
    const problem = patternProblem(s);
    if (problem) return err(`${where}[${i}]: the pattern ${problem}.`);
  }
  return ok(list);
}

function parseCondition(v: unknown, where: string, mode: ParseMode): Result<ConditionBlock | undefined, string> {
  if (v === undefined) return ok(undefined);
  if (!isObject(v)) return err(`${where}: must be an object of condition operators.`);
  const out: ConditionBlock = nullProto();
  for (const op of Object.keys(v)) {
    if (mode === 'create' && !isConditionOperator(op)) return err(`${where}: unknown condition operator "${op}".`);
    const block = v[op];
    if (!isObject(block) || Object.keys(block).length === 0)
      return err(`${where}.${op}: must be a non-empty object of condition keys.`);
    const keys = nullProto<string[]>();
    for (const key of Object.keys(block)) {
      const m = CONDITION_KEY.exec(key);
      if (!m || OBJECT_MEMBER_NAMES.has(m[1]!) || OBJECT_MEMBER_NAMES.has(m[2]!))
        return err(`${where}.${op}: invalid condition key "${key}".`);
      const values = block[key];
      const scalar = (x: unknown): unknown => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x);
      const list = stringList(Array.isArray(values) ? values.map(scalar) : scalar(values), `${where}.${op}.${key}`);
      if (!list.ok) return list;
      const checked = LIKE_OPERATORS.test(op) ? patterns(list.value!, `${where}.${op}.${key}`, mode) : ok(list.value!);
      if (!checked.ok) return checked;
      keys[key] = checked.value;
    }
    out[op] = keys;
  }
  return ok(out);
}

function parsePrincipal(v: unknown, where: string, mode: ParseMode): Result<Record<string, string[]>, string> {
  if (!isObject(v)) return err(`${where}: must be an object such as {"RAM": ["acs:ram::<uid>:root"]}.`);
  const out = nullProto<string[]>();
  for (const type of Object.keys(v)) {
    if (!PRINCIPAL_TYPES.has(type as 'RAM'))
      return err(`${where}: unknown principal type "${type}"; use RAM, Service or Federated.`);
    const list = stringList(v[type], `${where}.${type}`);
    if (!list.ok) return list;
    for (const [i, p] of list.value!.entries()) {
      const problem = mode === 'create' ? principalProblem(type as 'RAM', p) : undefined;
      if (problem) return err(`${where}.${type}[${i}]: "${p.slice(0, 80)}" ${problem}.`);
    }
    out[type] = list.value!;
  }
  if (Object.keys(out).length === 0) return err(`${where}: names no principal.`);
  return ok(out);
}

function parseStatement(s: unknown, where: string, kind: PolicyKind, mode: ParseMode): Result<PolicyStatement, string> {
  if (!isObject(s)) return err(`${where}: must be an object.`);
  for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) return err(`${where}: unknown element "${k}".`);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return err(`${where}.Effect: must be "Allow" or "Deny".`);
  const st: PolicyStatement = { Effect: s.Effect };
  if ((s.Action === undefined) === (s.NotAction === undefined))
    return err(`${where}: exactly one of Action and NotAction is required.`);
  for (const name of ['Action', 'NotAction'] as const) {
    const list = stringList(s[name], `${where}.${name}`);
    if (!list.ok) return list;
    if (!list.value) continue;
    const bad = list.value.findIndex((a) => !ACTION.test(a));
    if (bad >= 0) return err(`${where}.${name}[${bad}]: "${list.value[bad]}" is not "*" or "<service>:<action>".`);
    const checked = patterns(list.value, `${where}.${name}`, mode);
    if (!checked.ok) return checked;
    st[name] = checked.value;
  }
  if (kind === 'trust') {
    if (s.Resource !== undefined || s.NotResource !== undefined)
      return err(`${where}: a trust policy takes Principal, not Resource.`);
    const p = parsePrincipal(s.Principal, `${where}.Principal`, mode);
    if (!p.ok) return p;
    st.Principal = p.value;
  } else {
    if (s.Principal !== undefined) return err(`${where}.Principal: only trust policies name a principal.`);
    if ((s.Resource === undefined) === (s.NotResource === undefined))
      return err(`${where}: exactly one of Resource and NotResource is required.`);
    for (const name of ['Resource', 'NotResource'] as const) {
      const list = stringList(s[name], `${where}.${name}`);
      if (!list.ok) return list;
      if (!list.value) continue;
      const bad = list.value.findIndex((r) => r !== '*' && !r.startsWith('acs:'));
      if (bad >= 0)
        return err(
          `${where}.${name}[${bad}]: "${list.value[bad]?.slice(0, 80)}" is not "*" or an ARN starting with "acs:".`,
        );
      const checked = patterns(list.value, `${where}.${name}`, mode);
      if (!checked.ok) return checked;
      st[name] = checked.value;
    }
  }
  const cond = parseCondition(s.Condition, `${where}.Condition`, mode);
  if (!cond.ok) return cond;
  if (cond.value) st.Condition = cond.value;
  return ok(st);
}

/** Parses a policy document; the error is a precise, caller-facing reason. */
export function parsePolicyDocument(
  text: string,
  kind: PolicyKind = 'identity',
  mode: ParseMode = 'create',
): Result<PolicyDocument, string> {
  if (text.length > MAX_DOCUMENT_LENGTH) return err(`The document is longer than ${MAX_DOCUMENT_LENGTH} characters.`);
  let raw: unknown;
  try {
    raw = parseJson(text);
  } catch {
    return err('The document is not valid JSON.');
  }
  if (!isObject(raw)) return err('The document must be a JSON object.');
  for (const k of Object.keys(raw))
    if (k !== 'Version' && k !== 'Statement') return err(`Unknown top-level element "${k}".`);
  if (raw.Version !== '1') return err('Version: must be "1".');
  const statements = Array.isArray(raw.Statement)
    ? raw.Statement
    : raw.Statement !== undefined
      ? [raw.Statement]
      : undefined;
  if (!statements || statements.length === 0) return err('Statement: must be a non-empty array.');
  const out: PolicyStatement[] = [];
  for (const [i, s] of statements.entries()) {
    const st = parseStatement(s, `Statement[${i}]`, kind, mode);
    if (!st.ok) return st;
    out.push(st.value);
  }
  return ok({ Version: '1', Statement: out });
}

/** A document resdir itself wrote (system policies, stored versions): parse or throw. */
export function trustedDocument(text: string, kind: PolicyKind = 'identity'): PolicyDocument {
  const r = parsePolicyDocument(text, kind, 'stored');
  if (!r.ok) throw new Error(`stored policy document is malformed: ${r.error}`);
  return r.value;
}
