// Directory: every resource directory on the server, its folder tree from the root with the
// members in each folder, and one page per member (deep-linkable) with its folder path.
import { html, useJson, Title, Badge, Time, Loading, Failure, Empty, href } from '../ui.js';

const MEMBER_HEAD = ['Member', 'Account ID', 'Type', 'Status', 'Joined by', 'Secure phone', 'Joined'];

const PhoneCell = ({ m }) =>
  m.securePhone
    ? html`<span class="num" title="Secure mobile phone (masked)">${m.securePhone}</span>`
    : html`<span class="muted">none</span>`;

function Folder({ folder, children, members, depth }) {
  const kids = children.get(folder.id) ?? [];
  const here = members.filter((m) => m.folderId === folder.id);
  return html`<li class="folder">
    <p class="folder-name">
      <span class="icon" aria-hidden="true">${depth === 0 ? '◆' : '▸'}</span>
      <span>${depth === 0 ? 'Root' : folder.name}</span>
      <span class="muted mono folder-meta">${folder.id}</span>
      <span class="muted folder-meta">${here.length} member${here.length === 1 ? '' : 's'}</span>
    </p>
    ${
      here.length || kids.length
        ? html`<ul class="subtree">
            ${here.map(
              (m) => html`<li key=${m.accountId} class="leaf">
                <a href=${href(['members', m.accountId])}>${m.displayName}</a>
                <span class="muted mono">${m.accountId}</span>
              </li>`,
            )}
            ${kids.map(
              (f) =>
                html`<${Folder} key=${f.id} folder=${f} children=${children} members=${members} depth=${depth + 1} />`,
            )}
          </ul>`
        : null
    }
  </li>`;
}

function DirectoryDetail({ id }) {
  const { data, error } = useJson(`/_resdir/api/directories/${encodeURIComponent(id)}`);
  if (error) return html`<${Failure} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const children = new Map();
  for (const f of data.folders) if (f.parentId) children.set(f.parentId, [...(children.get(f.parentId) ?? []), f]);
  const root = data.folders.find((f) => f.id === data.rootFolderId);
  return html`
    <section class="panel" aria-labelledby="tree-h">
      <h2 id="tree-h">Folders</h2>
      ${
        root
          ? html`<ul class="tree">
              <${Folder} folder=${root} children=${children} members=${data.members} depth=${0} />
            </ul>`
          : null
      }
    </section>
    <section class="panel" aria-labelledby="members-h">
      <h2 id="members-h">Members <span class="muted">(${data.memberCount})</span></h2>
      ${
        data.members.length === 0
          ? html`<${Empty}><p>No members yet. CreateResourceAccount adds one.</p><//>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="members-h">
              <table>
                <thead><tr>${MEMBER_HEAD.map((h) => html`<th scope="col" key=${h}>${h}</th>`)}</tr></thead>
                <tbody>
                  ${data.members.map(
                    (m) => html`<tr key=${m.accountId}>
                      <td><a href=${href(['members', m.accountId])}>${m.displayName}</a></td>
                      <td class="mono">${m.accountId}</td>
                      <td>${m.type}</td>
                      <td><${Badge} value=${m.status} /></td>
                      <td>${m.joinMethod}</td>
                      <td><${PhoneCell} m=${m} /></td>
                      <td><${Time} at=${m.joinTime} /></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>
  `;
}

export function DirectoryView({ id }) {
  const { data, error } = useJson('/_resdir/api/directories');
  if (error) return html`<${Failure} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const dirs = data.directories;
  const current = dirs.find((d) => d.id === id) ?? dirs[0];
  return html`
    <${Title} sub="Resource directories on this server: folders from the root, and their members.">Directory<//>
    ${
      dirs.length > 1
        ? html`<nav aria-label="Resource directories" class="chips-nav"><ul class="chips">
            ${dirs.map(
              (d) => html`<li key=${d.id}><a class="chip" href=${href(['directory', d.id])}
                aria-current=${d.id === current?.id ? 'page' : undefined}>${d.id}
                <span class="muted">${d.memberCount}</span></a></li>`,
            )}
          </ul></nav>`
        : null
    }
    ${
      current
        ? html`<dl class="facts wide">
              <div><dt>Directory</dt><dd class="mono">${current.id}</dd></div>
              <div>
                <dt>Management account</dt>
                <dd><a href=${href(['identities', current.managementAccountId])}>
                  ${current.managementAccountName ?? current.managementAccountId}
                </a></dd>
              </div>
              <div><dt>Created</dt><dd><${Time} at=${current.createdAt} /></dd></div>
            </dl>
            <${DirectoryDetail} key=${current.id} id=${current.id} />`
        : html`<${Empty}><p>No resource directory on this server yet.</p><//>`
    }
  `;
}

export function MemberView({ id }) {
  const { data: m, error } = useJson(id ? `/_resdir/api/members/${encodeURIComponent(id)}` : undefined);
  if (error) return html`<${Title}>Member ${id}<//><${Failure} error=${error} />`;
  if (!m) return html`<${Loading} />`;
  const manager = m.managementAccount;
  return html`
    <nav aria-label="Folder path" class="crumbs">
      <ol>
        <li><a href=${href(['directory', m.directoryId])}>${m.directoryId}</a></li>
        ${m.path.map(
          (f, i) =>
            html`<li key=${f.id}><a href=${href(['directory', m.directoryId])}>${i === 0 ? 'Root' : f.name}</a></li>`,
        )}
        <li aria-current="page">${m.displayName}</li>
      </ol>
    </nav>
    <${Title} sub=${m.accountName}>${m.displayName}<//>
    <section class="panel">
      <dl class="facts grid">
        <div><dt>Account ID</dt><dd class="mono">${m.accountId}</dd></div>
        <div><dt>Type</dt><dd>${m.type}</dd></div>
        <div><dt>Status</dt><dd><${Badge} value=${m.status} /></dd></div>
        <div><dt>Joined by</dt><dd>${m.joinMethod}</dd></div>
        <div><dt>Secure mobile phone</dt><dd><${PhoneCell} m=${m} /></dd></div>
        <div><dt>Phone bound</dt><dd><${Time} at=${m.securePhoneBoundAt} /></dd></div>
        <div><dt>Joined</dt><dd><${Time} at=${m.joinTime} /></dd></div>
        <div><dt>Folder path</dt><dd class="mono">${[m.directoryId, ...m.path.map((f) => f.id)].join(' / ')}</dd></div>
        <div>
          <dt>Managed by</dt>
          <dd>${manager ? html`<a href=${href(['identities', manager.id])}>${manager.accountName}</a>` : '—'}</dd>
        </div>
      </dl>
      <p><a href=${href(['audit'], { member: m.accountId })}>Audit records about this member →</a></p>
    </section>
  `;
}
