/** The header that marks the embedded store's own requests (restore, replay, snapshot reads). */
export const INTERNAL_HEADER = 'x-embedded-store-internal';

export interface InternalResponse {
  status: number;
  json: unknown;
}

/** Talks to the embedded server over loopback HTTP, as its own maintenance client. */
export class InternalClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<InternalResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...options.headers, [INTERNAL_HEADER]: this.token },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  async getJson(path: string): Promise<unknown> {
    const { status, json } = await this.request('GET', path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
    return json;
  }
}

const seg = encodeURIComponent;

/** Paths of the server's resources, their ids encoded. */
export const serverPaths = {
  databases: () => '/dbs',
  collections: (db: string) => `/dbs/${seg(db)}/colls`,
  collection: (db: string, coll: string) => `/dbs/${seg(db)}/colls/${seg(coll)}`,
  documents: (db: string, coll: string) => `/dbs/${seg(db)}/colls/${seg(coll)}/docs`,
  document: (db: string, coll: string, id: string) => `/dbs/${seg(db)}/colls/${seg(coll)}/docs/${seg(id)}`,
  functions: (db: string, coll: string) => `/dbs/${seg(db)}/colls/${seg(coll)}/udfs`,
};
