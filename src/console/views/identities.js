// Identities: per account, the RAM users (with AccessKey IDs and status, never a secret), roles,
// groups and policies, read-only. Attached policies link to their documents.
import { html, useJson, Title, Badge, Time, Loading, Failure, Empty, href } from '../ui.js';

const policyAnchor = (p) => `policy-${p.type}-${p.name}`;

function Attached({ policies }) {
  if (!policies.length) return html`<span class="muted">none</span>`;
  return html`<ul class="inline">
    ${policies.map(
      (p) => html`<li key=${p.type + p.name}>
        <a href=${`#${policyAnchor(p)}`} onClick=${(e) => {
          e.preventDefault();
          const d = document.getElementById(policyAnchor(p));
          if (d) {
            d.open = true;
            d.scrollIntoView({ block: 'start' });
            d.querySelector('summary')?.focus();
          }
        }}>${p.name}</a>
        <span class="muted small">${p.type}</span>
      </li>`,
    )}
  </ul>`;
}

function Section({ id, title, count, children }) {
  return html`<section class="panel" aria-labelledby=${id}>
    <h2 id=${id}>${title} <span class="muted">(${count})</span></h2>
    ${count === 0 ? html`<p class="muted">None.</p>` : children}
  </section>`;
}

function Table({ label, head, rows }) {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${label}>
    <table>
      <thead><tr>${head.map((h) => html`<th scope="col" key=${h}>${h}</th>`)}</tr></thead>
      <tbody>${rows}</tbody>
    </table>
  </div>`;
}

function pretty(doc) {
  try {
    return JSON.stringify(JSON.parse(doc), null, 2);
  } catch {
    return doc;
  }
}

function AccountIdentities({ id }) {
  const { data, error } = useJson(`/_resdir/api/accounts/${encodeURIComponent(id)}/identities`);
  if (error) return html`<${Failure} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const keys = (ks) =>
    ks.length
      ? ks.map(
          (k) =>
            html`<div key=${k.accessKeyId}>
              <span class="mono small">${k.accessKeyId}</span> <${Badge} value=${k.status} />
            </div>`,
        )
      : html`<span class="muted">none</span>`;
  return html`
    <${Section} id="users-h" title="RAM users" count=${data.users.length}>
      <${Table} label="RAM users" head=${['User', 'Groups', 'Attached policies', 'AccessKeys', 'Created']}
        rows=${data.users.map(
          (u) => html`<tr key=${u.name}>
            <td>
              <strong>${u.name}</strong>
              ${(u.displayName || u.name) !== u.name ? html`<div class="muted small">${u.displayName}</div>` : null}
            </td>
            <td>${u.groups.length ? u.groups.join(', ') : html`<span class="muted">none</span>`}</td>
            <td><${Attached} policies=${u.policies} /></td>
            <td>${keys(u.accessKeys)}</td>
            <td><${Time} at=${u.createdAt} /></td>
          </tr>`,
        )} />
    <//>
    <${Section} id="roles-h" title="RAM roles" count=${data.roles.length}>
      <${Table} label="RAM roles" head=${['Role', 'ARN', 'Attached policies', 'Max session', 'Created']}
        rows=${data.roles.map(
          (r) => html`<tr key=${r.name}>
            <td>
              <strong>${r.name}</strong>
              ${r.description ? html`<div class="muted small">${r.description}</div>` : null}
            </td>
            <td class="mono small">${r.arn}</td>
            <td><${Attached} policies=${r.policies} /></td>
            <td>${r.maxSessionDuration} s</td>
            <td><${Time} at=${r.createdAt} /></td>
          </tr>`,
        )} />
    <//>
    <${Section} id="groups-h" title="RAM groups" count=${data.groups.length}>
      <${Table} label="RAM groups" head=${['Group', 'Members', 'Attached policies', 'Created']}
        rows=${data.groups.map(
          (g) => html`<tr key=${g.name}>
            <td><strong>${g.name}</strong>${g.comments ? html`<div class="muted small">${g.comments}</div>` : null}</td>
            <td>${g.members.length ? g.members.join(', ') : html`<span class="muted">none</span>`}</td>
            <td><${Attached} policies=${g.policies} /></td>
            <td><${Time} at=${g.createdAt} /></td>
          </tr>`,
        )} />
    <//>
    <${Section} id="root-keys-h" title="Root AccessKeys" count=${data.rootAccessKeys.length}>
      <div class="keys">${keys(data.rootAccessKeys)}</div>
    <//>
    <${Section} id="policies-h" title="Policies" count=${data.policies.length}>
      <ul class="policies">
        ${data.policies.map(
          (p) => html`<li key=${p.type + p.name}>
            <details id=${policyAnchor(p)}>
              <summary>
                <strong>${p.name}</strong> <${Badge} value=${p.type} tone=${p.type === 'Custom' ? 'info' : 'neutral'} />
                <span class="muted small">
                  ${p.attachments} attachment${p.attachments === 1 ? '' : 's'} · ${p.defaultVersion}
                </span>
                ${p.description ? html`<div class="muted small">${p.description}</div>` : null}
              </summary>
              <pre class="json" tabindex="0">${p.document === null ? '(no document)' : pretty(p.document)}</pre>
            </details>
          </li>`,
        )}
      </ul>
    <//>
  `;
}

const roleOf = (a) => (a.manages ? ` · manages ${a.manages}` : a.memberOf ? ` · member of ${a.memberOf}` : '');

export function IdentitiesView({ id }) {
  const { data, error } = useJson('/_resdir/api/accounts');
  if (error) return html`<${Failure} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const accounts = data.accounts;
  const current = accounts.find((a) => a.id === id) ?? accounts.find((a) => a.manages) ?? accounts[0];
  return html`
    <${Title} sub="RAM users, roles, groups and policies of each account (read-only).">Identities<//>
    ${
      accounts.length === 0
        ? html`<${Empty}><p>No accounts yet.</p><//>`
        : html`<div class="toolbar">
              <label class="field">
                <span>Account</span>
                <select value=${current.id} onChange=${(e) => {
                  location.hash = href(['identities', e.currentTarget.value]);
                }}>
                  ${accounts.map(
                    (a) => html`<option key=${a.id} value=${a.id}>
                      ${a.displayName} (${a.id})${roleOf(a)}
                    </option>`,
                  )}
                </select>
              </label>
              <p class="muted">${current.accountName}</p>
            </div>
            <${AccountIdentities} key=${current.id} id=${current.id} />`
    }
  `;
}
