import type pg from 'pg';
import { MERGE_SET, type BucketFold } from './buckets';

// The PostgreSQL historian's tables under its schema, made or brought forward on open (postgres.ts), and the
// merge of a write's roll-ups into them. The same
// tables as SQLite's; the version is kept in `<schema>.meta`, and an advisory lock keeps two opening stores
// from migrating at once.

const AGG_COLUMNS = `series integer NOT NULL, ts_ms bigint NOT NULL, n integer NOT NULL, nv integer NOT NULL,
  vsum double precision NOT NULL, vmin double precision, vmax double precision, last_ts bigint NOT NULL,
  last_v double precision, q smallint NOT NULL, PRIMARY KEY (series, ts_ms)`;

const migrations = (s: string) => [
  `CREATE TABLE ${s}.series (id serial PRIMARY KEY, plant text NOT NULL, tag text NOT NULL, UNIQUE (plant, tag));
   CREATE TABLE ${s}.raw (series integer NOT NULL, ts_ms bigint NOT NULL, v double precision, q smallint NOT NULL,
     reason text, PRIMARY KEY (series, ts_ms));
   CREATE TABLE ${s}.agg_1m (${AGG_COLUMNS});
   CREATE TABLE ${s}.agg_1h (${AGG_COLUMNS});
   CREATE TABLE ${s}.events (plant text NOT NULL, key text NOT NULL, ts_ms bigint NOT NULL, kind text NOT NULL,
     source text, tag text, by_whom text, text text NOT NULL, PRIMARY KEY (plant, key));
   CREATE INDEX events_by_time ON ${s}.events (plant, ts_ms);`,
];

/** Create or migrate the tables of `s` inside the transaction of `c`; refuse a schema newer than this program. */
export async function migrate(c: pg.PoolClient, s: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tanktwin-historian-${s}`]);
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${s}.meta (key text PRIMARY KEY, value text NOT NULL)`);
  const r = await c.query<{ value: string }>(`SELECT value FROM ${s}.meta WHERE key = 'schema_version'`);
  const at = r.rows.length ? Number(r.rows[0].value) : 0;
  const all = migrations(s);
  if (at > all.length)
    throw new Error(`historian schema ${s} is version ${at}, newer than this program's ${all.length}`);
  for (let v = at; v < all.length; v++) await c.query(all[v]);
  await c.query(
    `INSERT INTO ${s}.meta (key, value) VALUES ('schema_version', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [String(all.length)],
  );
}

/** Merge a write's partial buckets into `table` of schema `s` (one array statement). */
export async function mergeBuckets(c: pg.PoolClient, s: string, table: string, fold: BucketFold): Promise<void> {
  const ps = [...fold.partials()];
  if (!ps.length) return;
  const col = <K extends keyof (typeof ps)[number]>(k: K) => ps.map((p) => p[k]);
  await c.query(
    `INSERT INTO ${s}.${table} AS t (series, ts_ms, n, nv, vsum, vmin, vmax, last_ts, last_v, q)
       SELECT * FROM unnest($1::int[], $2::int8[], $3::int[], $4::int[], $5::float8[], $6::float8[], $7::float8[],
         $8::int8[], $9::float8[], $10::int2[])
       ON CONFLICT (series, ts_ms) DO UPDATE SET ${MERGE_SET}`,
    [
      col('series'),
      col('ts_ms'),
      col('n'),
      col('nv'),
      col('sum'),
      col('min'),
      col('max'),
      col('last_ts'),
      col('last_v'),
      col('q'),
    ],
  );
}
