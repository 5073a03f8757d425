// Shared pieces of the console: the html tag (Preact + htm: every value is escaped as text), JSON
// fetching, the live event feed, and small presentational components.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

/** GET (or another method) of a console JSON endpoint; throws an Error with the server's message. */
export async function api(path, init) {
  const res = await fetch(path, { headers: { accept: 'application/json' }, ...init });
  if (res.status === 204) return null;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.message || `${path} answered ${res.status}`);
  return body;
}

/** Loads `path` now, again whenever it changes, and again on each `reload()` (keeps old data meanwhile). */
export function useJson(path) {
  const [state, setState] = useState({ data: undefined, error: undefined, loading: true });
  const seq = useRef(0);
  const reload = useCallback(() => {
    if (!path) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    api(path).then(
      (data) => mine === seq.current && setState({ data, error: undefined, loading: false }),
      (error) => mine === seq.current && setState({ data: undefined, error, loading: false }),
    );
  }, [path]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

const feed = new EventTarget();
let source;
/** The server's change feed (server-sent events), opened once and shared by every view. */
export function startFeed(onState) {
  source = new EventSource('/_resdir/api/events');
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  for (const name of ['sms', 'outbox']) source.addEventListener(name, () => feed.dispatchEvent(new Event(name)));
}
/** Calls `fn` whenever the server reports a change of `name` ('sms' or 'outbox'). */
export function useFeed(name, fn) {
  useEffect(() => {
    const l = () => fn();
    feed.addEventListener(name, l);
    return () => feed.removeEventListener(name, l);
  }, [name, fn]);
}

const pad = (n) => String(n).padStart(2, '0');
/** Local `YYYY-MM-DD HH:MM:SS`. */
export function when(isoTime) {
  if (!isoTime) return '—';
  const d = new Date(isoTime);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
export function ago(isoTime, now = Date.now()) {
  const s = Math.round((now - Date.parse(isoTime)) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
export const Time = ({ at }) =>
  at ? html`<time datetime=${at} title=${new Date(at).toISOString()}>${when(at)}</time>` : html`<span>—</span>`;

const TONE = {
  delivered: 'ok',
  sent: 'ok',
  OK: 'ok',
  CreateSuccess: 'ok',
  Active: 'ok',
  queued: 'info',
  sending: 'info',
  enroute: 'info',
  failed: 'bad',
  undelivered: 'bad',
  expired: 'warn',
  Inactive: 'warn',
};
const ERRORISH = /^\w+(\.\w+)+$|Error|Invalid|Denied|NoPermission/;
export const Badge = ({ value, tone }) =>
  html`<span class=${`badge ${tone ?? TONE[value] ?? (ERRORISH.test(value) ? 'bad' : 'neutral')}`}>${value}</span>`;

export const Loading = () => html`<p class="muted" role="status">Loading…</p>`;
export const Failure = ({ error }) => html`<p class="error" role="alert">${String(error?.message ?? error)}</p>`;
export const Empty = ({ children }) => html`<div class="empty">${children}</div>`;

let firstView = true;
/**
 * A page heading that takes focus when the user moves to another view, so keyboard and
 * screen-reader users land on it (on the first load, focus stays at the top: the skip link comes first).
 */
export function Title({ children, sub }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${ref.current?.textContent ?? ''} · resdir console`;
    if (!firstView) ref.current?.focus({ preventScroll: true });
    firstView = false;
  }, []);
  return html`<header class="page-head">
    <h1 tabindex="-1" ref=${ref}>${children}</h1>
    ${sub ? html`<p class="muted">${sub}</p>` : null}
  </header>`;
}

/** `#/route?x=1` → { path: ['route'], query: URLSearchParams }. */
export function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [p, q] = raw.split('?');
  return { path: (p ?? '').split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
}
export function href(path, query) {
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString() : '';
  return `#/${path.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}
