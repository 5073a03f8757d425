// Audit trail: resdir's audit records (what LookupEvents answers), newest first, filtered by action,
// principal, result code, member and time range, with paging and one page per event. Records never
// hold a code or a secret; phone numbers in them are masked.
import { html, useJson, Title, Badge, Time, Loading, Failure, Empty, href } from '../ui.js';

const FILTERS = [
  { name: 'action', label: 'Action', placeholder: 'BindSecureMobilePhone' },
  { name: 'principal', label: 'Principal ARN', placeholder: 'acs:ram::…:user/rd-admin' },
  { name: 'result', label: 'Result code', placeholder: 'OK or an error code' },
  { name: 'member', label: 'Member account ID', placeholder: '1234567890123456' },
];

const memberLink = (id) => html`<a class="mono" href=${href(['members', id])}>${id}</a>`;

const pad = (n) => String(n).padStart(2, '0');
const toLocalInput = (isoTime) => {
  if (!isoTime) return '';
  const d = new Date(isoTime);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (v) => (v ? new Date(v).toISOString() : '');

function apiPath(query) {
  const q = new URLSearchParams();
  for (const k of ['action', 'principal', 'result', 'member', 'start', 'end', 'next']) {
    const v = query.get(k);
    if (v) q.set(k, v);
  }
  q.set('limit', '25');
  return `/_resdir/api/audit?${q}`;
}

function FilterForm({ query }) {
  const submit = (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = {};
    for (const { name } of FILTERS) next[name] = String(f.get(name) ?? '').trim();
    next.start = fromLocalInput(String(f.get('start') ?? ''));
    next.end = fromLocalInput(String(f.get('end') ?? ''));
    location.hash = href(['audit'], next);
  };
  return html`<form class="filters panel" onSubmit=${submit} aria-label="Filter audit records">
    ${FILTERS.map(
      (f) => html`<label class="field" key=${f.name}>
        <span>${f.label}</span>
        <input name=${f.name} value=${query.get(f.name) ?? ''} placeholder=${f.placeholder} autocomplete="off" />
      </label>`,
    )}
    <label class="field"><span>From</span>
      <input type="datetime-local" name="start" value=${toLocalInput(query.get('start'))} /></label>
    <label class="field"><span>To</span>
      <input type="datetime-local" name="end" value=${toLocalInput(query.get('end'))} /></label>
    <div class="actions">
      <button type="submit" class="btn primary">Apply filters</button>
      <a class="btn" href="#/audit">Reset</a>
    </div>
  </form>`;
}

export function AuditView({ query }) {
  const path = apiPath(query);
  const { data, error } = useJson(path);
  const filters = Object.fromEntries([...query.entries()].filter(([k]) => k !== 'next'));
  return html`
    <${Title} sub="Every API call resdir recorded (the records LookupEvents answers), newest first.">Audit trail<//>
    <${FilterForm} key=${query.toString()} query=${query} />
    ${error ? html`<${Failure} error=${error} />` : null}
    ${!data && !error ? html`<${Loading} />` : null}
    ${
      data
        ? html`<p class="muted" role="status">
              ${data.events.length} record${data.events.length === 1 ? '' : 's'} from${' '}
              <${Time} at=${data.startTime} />${' '}to${' '}
              <${Time} at=${data.endTime} />${query.get('next') ? ' (older page)' : ''}
            </p>
            ${
              data.events.length === 0
                ? html`<${Empty}><p>No audit records match.</p><//>`
                : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Audit records">
                    <table>
                      <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Principal</th>
                        <th scope="col">Result</th><th scope="col">Member</th>
                        <th scope="col">Source IP</th></tr></thead>
                      <tbody>
                        ${data.events.map(
                          (e) => html`<tr key=${e.eventId}>
                            <td><a href=${href(['audit', e.eventId])}><${Time} at=${e.eventTime} /></a></td>
                            <td class="breakable">${e.eventName}</td>
                            <td class="mono small breakable">${e.userIdentity.principalArn}</td>
                            <td><${Badge} value=${e.errorCode ?? 'OK'} /></td>
                            <td>
                              ${e.resourceName ? memberLink(e.resourceName) : '—'}
                            </td>
                            <td class="mono">${e.sourceIpAddress}</td>
                          </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
            }
            <nav class="pager" aria-label="Pages">
              ${query.get('next') ? html`<a class="btn" href=${href(['audit'], filters)}>← Newest</a>` : null}
              ${
                data.next
                  ? html`<a class="btn" href=${href(['audit'], { ...filters, next: data.next })}>Older →</a>`
                  : null
              }
            </nav>`
        : null
    }
  `;
}

function Field({ label, children }) {
  return html`<div><dt>${label}</dt><dd>${children}</dd></div>`;
}

export function AuditEventView({ id }) {
  const { data, error } = useJson(`/_resdir/api/audit?eventId=${encodeURIComponent(id)}`);
  const e = data?.events[0];
  return html`
    <nav class="crumbs" aria-label="Breadcrumb">
      <ol><li><a href="#/audit">Audit trail</a></li><li aria-current="page">${id}</li></ol>
    </nav>
    <${Title}>${e ? e.eventName : 'Audit record'}<//>
    ${error ? html`<${Failure} error=${error} />` : null}
    ${!data && !error ? html`<${Loading} />` : null}
    ${data && !e ? html`<${Empty}><p>No audit record ${id}.</p><//>` : null}
    ${
      e
        ? html`<section class="panel">
              <dl class="facts grid">
                <${Field} label="Time"><${Time} at=${e.eventTime} /><//>
                <${Field} label="Result"><${Badge} value=${e.errorCode ?? 'OK'} /><//>
                <${Field} label="Service">${e.serviceName} ${e.apiVersion}<//>
                <${Field} label="Type">${e.eventType} (${e.eventRW})<//>
                <${Field} label="Principal"><span class="mono">${e.userIdentity.principalArn}</span><//>
                <${Field} label="AccessKey ID"><span class="mono">${e.userIdentity.accessKeyId}</span><//>
                <${Field} label="Caller account">
                  <a href=${href(['identities', e.userIdentity.accountId])}>${e.userIdentity.accountId}</a>
                <//>
                <${Field} label="Member">
                  ${e.resourceName ? html`<a href=${href(['members', e.resourceName])}>${e.resourceName}</a>` : '—'}
                <//>
                <${Field} label="Source IP"><span class="mono">${e.sourceIpAddress}</span><//>
                <${Field} label="Request ID"><span class="mono">${e.requestId}</span><//>
              </dl>
            </section>
            <section class="panel" aria-labelledby="raw-h">
              <h2 id="raw-h">As LookupEvents returns it</h2>
              <pre class="json" tabindex="0">${JSON.stringify(e, null, 2)}</pre>
            </section>`
        : null
    }
  `;
}
