/** PostgreSQL returns BIGINT as strings; rows leave the store with numbers. */
export function numeric<T extends object>(row: T, ...keys: string[]): T {
  const r = row as Record<string, unknown>;
  for (const k of keys) if (r[k] !== null && r[k] !== undefined) r[k] = Number(r[k]);
  return row;
}
/** Whether an insert, update or delete touched a row. */
export const changed = (
  r: { numInsertedOrUpdatedRows?: bigint } | { numDeletedRows: bigint } | { numUpdatedRows: bigint },
): boolean => {
  const n =
    'numDeletedRows' in r ? r.numDeletedRows : 'numUpdatedRows' in r ? r.numUpdatedRows : r.numInsertedOrUpdatedRows;
  return n !== undefined && n > 0n;
};
