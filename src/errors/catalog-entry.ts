/** One catalog entry: the HTTP status and the default message of an error code. */
export interface CatalogEntry {
  status: number;
  message: string;
}
