// The fields the server assigns to a document on every write.
const SERVER_FIELDS = new Set(['_rid', '_self', '_etag', '_ts']);

/** A document without the server's fields, as it is written back (the server assigns them again). */
export function withoutServerFields<T extends Record<string, unknown>>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !SERVER_FIELDS.has(key))) as T;
}
