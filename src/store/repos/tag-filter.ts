import { sql, type SelectQueryBuilder } from 'kysely';
import type { TagFilter, TaggedType } from '../tag-ports.js';

/**
 * Narrows a query to the rows whose resource (its ID in `column`) carries every tag of `tags`: the
 * key, and the value when the filter gives one.
 */
export function withTags<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  type: TaggedType,
  column: string,
  tags: readonly TagFilter[],
): SelectQueryBuilder<DB, TB, O> {
  return tags.reduce((acc, t) => {
    const value = t.value === undefined ? sql`` : sql` and rt.tag_value = ${t.value}`;
    return acc.where(
      sql<boolean>`exists (select 1 from rd_tags rt where rt.resource_type = ${type} and rt.resource_id = ${sql.ref(
        column,
      )} and rt.tag_key = ${t.key}${value})`,
    );
  }, q);
}
