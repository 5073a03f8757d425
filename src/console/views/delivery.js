// Delivery: the SMS outbox for operators — each message's status (queued, sending, sent, delivered,
// undelivered, failed, expired), attempts and provider, live. Never a code or a text.
import { html, useJson, useFeed, Title, Badge, Time, Loading, Failure, Empty, href, ago } from '../ui.js';

const SUB =
  'The SMS outbox: every verification SMS with its delivery status, attempts and provider. Codes are never shown here.';
const HEAD = ['Created', 'To', 'Member', 'Purpose', 'Status', 'Attempts', 'Provider', 'Last error'];
const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'expired'];

function Attempts({ m }) {
  if (!m.attemptLog.length) return html`<span class="muted">${m.attempts}</span>`;
  return html`<details>
    <summary>${m.attempts} attempt${m.attempts === 1 ? '' : 's'}</summary>
    <ol class="attempts">
      ${m.attemptLog.map(
        (a, i) => html`<li key=${i}>
          <${Badge} value=${a.outcome} tone=${a.outcome === 'sent' ? 'ok' : a.outcome === 'retry' ? 'warn' : 'bad'} />
          <span>#${a.attempt} via ${a.provider}</span> <span class="muted small"><${Time} at=${a.startedAt} /></span>
          ${a.error ? html`<div class="small error-text">${a.error}</div>` : null}
        </li>`,
      )}
    </ol>
  </details>`;
}

export function DeliveryView({ query }) {
  const status = query.get('status') ?? '';
  const { data, error, reload } = useJson(
    `/_resdir/api/outbox?limit=200${status ? `&status=${encodeURIComponent(status)}` : ''}`,
  );
  useFeed('outbox', reload);
  useFeed('sms', reload);
  const counts = data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return html`
    <${Title} sub=${SUB}>
      Delivery
    <//>
    <nav aria-label="Filter by status" class="chips-nav">
      <ul class="chips">
        <li>
          <a class="chip" href="#/delivery" aria-current=${status ? undefined : 'page'}>
            all <span class="muted">${total}</span>
          </a>
        </li>
        ${STATUSES.map(
          (s) => html`<li key=${s}>
            <a class="chip" href=${href(['delivery'], { status: s })} aria-current=${status === s ? 'page' : undefined}>
              ${s} <span class="muted">${counts[s] ?? 0}</span>
            </a>
          </li>`,
        )}
      </ul>
    </nav>
    ${error ? html`<${Failure} error=${error} />` : null}
    ${!data && !error ? html`<${Loading} />` : null}
    ${
      data && data.messages.length === 0
        ? html`<${Empty}><p>No ${status ? `${status} ` : ''}messages in the outbox.</p><//>`
        : data
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Outbox messages">
              <table>
                <thead><tr>${HEAD.map((h) => html`<th scope="col" key=${h}>${h}</th>`)}</tr></thead>
                <tbody>
                  ${data.messages.map(
                    (m) => html`<tr key=${m.id} data-message-id=${m.id}>
                      <td><${Time} at=${m.createdAt} /><div class="muted small">${ago(m.createdAt)}</div></td>
                      <td class="mono">${m.to}</td>
                      <td><a class="mono" href=${href(['members', m.accountId])}>${m.accountId}</a></td>
                      <td>${m.purpose}</td>
                      <td><${Badge} value=${m.status} /></td>
                      <td><${Attempts} m=${m} /></td>
                      <td>${m.provider ?? html`<span class="muted">—</span>`}</td>
                      <td class="small">${m.lastError ?? html`<span class="muted">—</span>`}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : null
    }
  `;
}
