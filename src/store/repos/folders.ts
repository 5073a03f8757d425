import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { FolderRepo, MemberFilter } from '../folder-ports.js';
import { withTags } from './tag-filter.js';
import { directoryRepo } from './directory.js';

/** A unique-index violation on either dialect (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (escape character `\`). */
const likeContains = (s: string): string => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function folderRepo(db: Kysely<Database>): FolderRepo {
  const members = directoryRepo(db);
  const filtered = (f: MemberFilter) => {
    let q = db
      .selectFrom('members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .where('m.directory_id', '=', f.directoryId);
    if (f.folderId !== undefined) q = q.where('m.folder_id', '=', f.folderId);
    if (f.keyword !== undefined) {
      const pattern = likeContains(f.keyword);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(m.account_id)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(a.account_name)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(m.display_name)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    return f.tags ? withTags(q, 'Account', 'm.account_id', f.tags) : q;
  };

  return {
    async lockFolder(id) {
      // A no-op write: PostgreSQL row-locks it until the transaction ends; SQLite runs one writer at a time.
      return db
        .updateTable('folders')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async insertFolder(f) {
      const row = await db
        .insertInto('folders')
        .values(f)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async childNamed(parentId, name) {
      return db
        .selectFrom('folders')
        .selectAll()
        .where('parent_id', '=', parentId)
        .where('name', '=', name)
        .executeTakeFirst();
    },
    async renameFolder(id, name) {
      const r = await db.updateTable('folders').set({ name }).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async deleteFolder(id) {
      const r = await db.deleteFrom('folders').where('id', '=', id).executeTakeFirst();
      await db.deleteFrom('rd_tags').where('resource_type', '=', 'Folder').where('resource_id', '=', id).execute();
      return Number(r.numDeletedRows) === 1;
    },
    async childFolders(parentId, keyword, offset, limit, tags) {
      let q = db.selectFrom('folders').where('parent_id', '=', parentId);
      if (keyword !== undefined) q = q.where(sql`lower(name)`, 'like', sql`${likeContains(keyword)} escape '\\'`);
      if (tags) q = withTags(q, 'Folder', 'folders.id', tags);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const folders = await q.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute();
      return { total: Number(total.n), folders: folders.map((f) => ({ ...f, created_at: Number(f.created_at) })) };
    },
    async contentsOf(folderId) {
      const f = await db
        .selectFrom('folders')
        .select(sql<number>`count(*)`.as('n'))
        .where('parent_id', '=', folderId)
        .executeTakeFirstOrThrow();
      const m = await db
        .selectFrom('members')
        .select(sql<number>`count(*)`.as('n'))
        .where('folder_id', '=', folderId)
        .executeTakeFirstOrThrow();
      return { folders: Number(f.n), members: Number(m.n) };
    },
    async listMembers(filter, offset, limit) {
      const total = await filtered(filter).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const ids = await filtered(filter)
        .select('m.account_id')
        .orderBy('m.join_time')
        .orderBy('m.account_id')
        .offset(offset)
        .limit(limit)
        .execute();
      const out = [];
      for (const { account_id } of ids) {
        const m = await members.getMember(account_id);
        if (m) out.push(m);
      }
      return { total: Number(total.n), members: out };
    },
    async moveMember(accountId, fromFolderId, toFolderId, now) {
      const r = await db
        .updateTable('members')
        .set({ folder_id: toFolderId, modify_time: now })
        .where('account_id', '=', accountId)
        .where('folder_id', '=', fromFolderId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async renameMember(accountId, displayName, now) {
      const member = await members.getMember(accountId);
      if (!member) return false;
      const taken = await db
        .selectFrom('members')
        .select('account_id')
        .where('directory_id', '=', member.directory_id)
        .where('display_name', '=', displayName)
        .where('account_id', '<>', accountId)
        .executeTakeFirst();
      if (taken) return false;
      try {
        await db
          .updateTable('members')
          .set({ display_name: displayName, modify_time: now })
          .where('account_id', '=', accountId)
          .execute();
      } catch (e) {
        // A racing rename or create took the name between the check and the write; the caller's
        // transaction is rolled back when it returns the failure.
        if (isUniqueViolation(e)) return false;
        throw e;
      }
      await db.updateTable('accounts').set({ display_name: displayName }).where('id', '=', accountId).execute();
      return true;
    },
    async setMemberType(accountId, from, to, now) {
      const r = await db
        .updateTable('members')
        .set({ type: to, modify_time: now })
        .where('account_id', '=', accountId)
        .where('type', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
