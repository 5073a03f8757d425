// The console's shell: navigation, the hash router (every view and record has its own link) and the
// live-feed indicator. Views live in views/.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html, api, startFeed, parseHash, Failure, Loading } from './ui.js';
import { InboxView } from './views/inbox.js';
import { DirectoryView, MemberView } from './views/directory.js';
import { AuditView, AuditEventView } from './views/audit.js';
import { IdentitiesView } from './views/identities.js';
import { DeliveryView } from './views/delivery.js';

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

const TABS = [
  { id: 'inbox', label: 'SMS inbox', needsInbox: true },
  { id: 'directory', label: 'Directory', also: ['members'] },
  { id: 'audit', label: 'Audit trail' },
  { id: 'identities', label: 'Identities' },
  { id: 'delivery', label: 'Delivery' },
];

function route(info, path, query) {
  const [top, id] = path;
  switch (top) {
    case 'inbox':
      return info.inbox ? html`<${InboxView} query=${query} />` : null;
    case 'directory':
      return html`<${DirectoryView} id=${id} />`;
    case 'members':
      return html`<${MemberView} id=${id} />`;
    case 'audit':
      return id ? html`<${AuditEventView} id=${id} />` : html`<${AuditView} query=${query} />`;
    case 'identities':
      return html`<${IdentitiesView} id=${id} />`;
    case 'delivery':
      return html`<${DeliveryView} query=${query} />`;
    default:
      return null;
  }
}

function App() {
  const [info, setInfo] = useState();
  const [error, setError] = useState();
  const [live, setLive] = useState(false);
  const hash = useHash();
  useEffect(() => {
    api('/_resdir/api/console').then(setInfo, setError);
    startFeed(setLive);
  }, []);
  const { path, query } = parseHash(hash);
  const view = info && route(info, path, query);
  useEffect(() => {
    if (info && !view) location.replace(info.inbox ? '#/inbox' : '#/directory');
  }, [info, view]);
  const tabs = TABS.filter((t) => !t.needsInbox || info?.inbox);
  return html`
    <a class="skip" href="#main" onClick=${(e) => {
      e.preventDefault();
      document.getElementById('main')?.focus();
    }}>Skip to content</a>
    <header class="top">
      <div class="brand">
        <img src="icon.svg" alt="" width="28" height="28" />
        <span>resdir <strong>console</strong></span>
      </div>
      <nav aria-label="Views">
        <ul>
          ${tabs.map(
            (t) => html`<li key=${t.id}>
              <a href=${`#/${t.id}`} aria-current=${t.id === path[0] || t.also?.includes(path[0]) ? 'page' : undefined}
                >${t.label}</a
              >
            </li>`,
          )}
        </ul>
      </nav>
      <p class=${`live ${live ? 'on' : 'off'}`} title="Server-sent events from resdir">
        <span class="dot" aria-hidden="true"></span>${live ? 'Live' : 'Offline'}
      </p>
    </header>
    <main id="main" tabindex="-1">
      ${error ? html`<${Failure} error=${error} />` : (view ?? html`<${Loading} />`)}
    </main>
    <footer class="foot muted">
      ${info ? `resdir ${info.version} · ${info.store} store · SMS provider ${info.smsProvider}` : ''}
    </footer>
  `;
}

const root = document.getElementById('app');
root.replaceChildren();
render(html`<${App} />`, root);
