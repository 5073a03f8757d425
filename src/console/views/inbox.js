// SMS inbox: the development inbox, newest first and live. Each message shows its code large with
// a one-click copy, the number, purpose, member, time and delivery status. Filter by number.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { html, api, useJson, useFeed, Title, Badge, Time, Loading, Failure, Empty, ago, href } from '../ui.js';

function CopyCode({ code }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return html`<button type="button" class="code" onClick=${copy} title="Copy the code">
      <span class="digits">${code}</span>
      <span class="copy-hint">${copied ? 'Copied' : 'Copy'}</span>
    </button>
    <span class="sr-only" role="status">${copied ? `Code ${code} copied` : ''}</span>`;
}

function Message({ m }) {
  return html`<li class="card sms" data-message-id=${m.id}>
    <div class="sms-code"><${CopyCode} code=${m.code} /></div>
    <div class="sms-meta">
      <p class="sms-to"><span class="num">${m.to}</span> <${Badge} value=${m.status} /></p>
      <p class="sms-text">${m.text}</p>
      <dl class="facts">
        <div><dt>Purpose</dt><dd>${m.purpose}</dd></div>
        <div><dt>Member</dt><dd><a href=${href(['members', m.accountId])}>${m.accountId}</a></dd></div>
        <div>
          <dt>Received</dt>
          <dd><${Time} at=${m.createdAt} /> <span class="muted">(${ago(m.createdAt)})</span></dd>
        </div>
      </dl>
    </div>
  </li>`;
}

function ClearButton({ onCleared }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState();
  if (!asking)
    return html`<button type="button" class="btn danger-outline" onClick=${() => setAsking(true)}>Clear inbox</button>`;
  const clear = () =>
    api('/_resdir/sms', { method: 'DELETE' }).then(
      () => {
        setAsking(false);
        onCleared();
      },
      (e) => setError(e),
    );
  return html`<span class="confirm" role="group" aria-label="Confirm clearing the inbox">
    <span>Delete every message?</span>
    <button type="button" class="btn danger" onClick=${clear}>Yes, clear</button>
    <button type="button" class="btn" onClick=${() => setAsking(false)}>Cancel</button>
    ${error ? html`<${Failure} error=${error} />` : null}
  </span>`;
}

export function InboxView({ query }) {
  const { data, error, loading, reload } = useJson('/_resdir/sms?limit=200');
  useFeed('sms', reload);
  const [filter, setFilter] = useState(query.get('to') ?? '');
  useEffect(() => setFilter(query.get('to') ?? ''), [query.get('to')]);
  const messages = data?.messages ?? [];
  const numbers = useMemo(() => {
    const n = new Map();
    for (const m of messages) n.set(m.to, (n.get(m.to) ?? 0) + 1);
    return [...n.entries()];
  }, [messages]);
  const digits = filter.replace(/\D/g, '');
  const shown = digits ? messages.filter((m) => m.to.replace(/\D/g, '').includes(digits)) : messages;
  return html`
    <${Title} sub="Verification SMS that resdir would have sent, newest first. New ones appear here as they are sent.">
      SMS inbox
    <//>
    <div class="toolbar">
      <label class="field">
        <span>Filter by number</span>
        <input type="search" value=${filter} placeholder="1-2025550123" inputmode="tel" autocomplete="off"
          onInput=${(e) => setFilter(e.currentTarget.value)} />
      </label>
      <p class="muted count" role="status" aria-live="polite">
        ${loading && !data ? '' : `${shown.length} of ${messages.length} message${messages.length === 1 ? '' : 's'}`}
      </p>
      <${ClearButton} onCleared=${reload} />
    </div>
    ${
      numbers.length > 1
        ? html`<ul class="chips" aria-label="Numbers">
            ${numbers.map(
              ([n, c]) => html`<li key=${n}>
                <button type="button" class="chip" aria-pressed=${filter === n}
                  onClick=${() => setFilter(filter === n ? '' : n)}>
                  ${n} <span class="muted">${c}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : null
    }
    ${error ? html`<${Failure} error=${error} />` : null}
    ${!data && loading ? html`<${Loading} />` : null}
    ${
      data && shown.length === 0
        ? html`<${Empty}>
            <p><strong>No messages${digits ? ' for this number' : ''} yet.</strong></p>
            <p class="muted">
              Call SendVerificationCodeForBindSecureMobilePhone and the SMS shows up here within a second.
            </p>
          <//>`
        : html`<ol class="list" aria-label="Messages">${shown.map((m) => html`<${Message} key=${m.id} m=${m} />`)}</ol>`
    }
  `;
}
