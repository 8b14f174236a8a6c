// What a mobile team does with the generated client: list, page to the
// end, fetch one listing, replay the change feed. Compiled with
// `tsc --strict` against `schema.d.ts`, which openapi-typescript generates
// from openapi/openapi.json: if the document's types are wrong (a string
// `limit`, a category without its enum), this does not compile.
import type { paths } from "./schema";

// Node's globals, which `lib: dom` does not declare.
declare const process: { argv: string[]; exitCode?: number };

type Get<P extends keyof paths> = paths[P] extends { get: infer Op } ? Op : never;
type Query<P extends keyof paths> = Get<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Json<P extends keyof paths> = Get<P> extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

type ListingPage = Json<"/v1/listings">;
type Listing = Json<"/v1/listings/{id}">;
type ChangePage = Json<"/v1/changes">;

const base = process.argv[2];

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const reply = await fetch(url, { headers: { "Accept-Language": "ko" } });
  if (!reply.ok) throw new Error(`${url}: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as T;
}

async function listToTheEnd(query: Query<"/v1/listings">): Promise<ListingPage["items"]> {
  const items: ListingPage["items"] = [];
  let page = await get<ListingPage>("/v1/listings", query);
  const total = page.total;
  for (;;) {
    items.push(...page.items);
    if (!page.next_cursor) break;
    page = await get<ListingPage>("/v1/listings", { ...query, cursor: page.next_cursor });
  }
  check(items.length === total, `paged ${items.length} listings, total says ${total}`);
  check(new Set(items.map((item) => item.id)).size === total, "a listing came twice");
  return items;
}

async function main(): Promise<void> {
  const offices = await listToTheEnd({ category: "real_estate", sort: "name", limit: 25 });
  console.log(`listed ${offices.length} real-estate offices, 25 a page, by name`);

  const first = offices[0];
  check(first !== undefined, "no office listed");
  const listing = await get<Listing>(`/v1/listings/${encodeURIComponent(first.id)}`, { lang: "ja" });
  check(listing.id === first.id && listing.category.code === "real_estate", `fetched ${listing.id}`);
  console.log(`fetched ${listing.id}: ${listing.name}`);

  // Replay the feed from the start: upsert each listing, drop tombstones.
  const local = new Map<string, ChangePage["changes"][number]>();
  let since: string | undefined;
  let pages = 0;
  for (;;) {
    const feed: ChangePage = await get<ChangePage>("/v1/changes", { since, limit: 100 });
    for (const change of feed.changes) {
      if ("deleted" in change && change.deleted) local.delete(change.id);
      else local.set(change.id, change);
    }
    since = feed.next_cursor;
    pages += 1;
    if (!feed.has_more) break;
  }
  const everything = await listToTheEnd({ limit: 100 });
  check(local.size === everything.length, `replayed ${local.size} listings, the API lists ${everything.length}`);
  check(everything.every((item) => local.has(item.id)), "the replay misses a listed listing");
  console.log(`replayed ${pages} pages of changes into ${local.size} listings, as listed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
