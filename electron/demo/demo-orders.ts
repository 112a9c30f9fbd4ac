/**
 * The demo shop's orders, as a nightly dump would hold them: plain SQL text (a CREATE TABLE and one INSERT per
 * order), gzip'd. Orders arrive at a steady pace from a fixed opening day, so the dump of any night is the same
 * whenever it is made: a copy added on a later launch continues the series instead of starting another one, and
 * each night's dump holds a few dozen orders more than the night before.
 */
import { gzipSync } from 'node:zlib';

/** The day the pretend shop opened; orders are numbered from it. */
const SHOP_OPENED = Date.UTC(2026, 5, 1);
/** One order every 3 hours (8 a day), each up to 40 minutes late: times keep their order. Small on purpose: the
 * demo makes 14 of these dumps when it first opens, and that must not slow the first screen. */
const ORDER_EVERY_MS = 180 * 60_000;
const LATE_UP_TO_MS = 40 * 60_000;

/** A small deterministic hash, so an order's customer and total are the same in every dump. */
function mix(n: number): number {
  let x = (n * 2_654_435_761) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2_246_822_519) >>> 0;
  return (x ^ (x >>> 13)) >>> 0;
}

/** When order `id` (from 1) was placed. */
export function orderTime(id: number): Date {
  return new Date(SHOP_OPENED + id * ORDER_EVERY_MS + (mix(id) % LATE_UP_TO_MS));
}

/** How many orders were placed before `cutoff`. */
export function ordersBefore(cutoff: Date): number {
  let count = Math.max(0, Math.floor((cutoff.getTime() - SHOP_OPENED) / ORDER_EVERY_MS));
  while (count > 0 && orderTime(count).getTime() >= cutoff.getTime()) count--;
  return count;
}

/** `2026-12-06 01:43:10+00`, as PostgreSQL prints a timestamptz in UTC. */
function sqlTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')}+00`;
}

/** Each order's INSERT, made once: every night's dump repeats the nights before it. */
const insertLines: string[] = [];

function insertLine(id: number): string {
  const hash = mix(id);
  const customer = `customer-${String(hash % 900).padStart(4, '0')}`;
  const total = 500 + (hash % 19_500);
  return `INSERT INTO orders (id, customer, total_cents, created_at) VALUES (${id}, '${customer}', ${total}, '${sqlTime(orderTime(id))}');`;
}

/** The dump's SQL: every order placed before `takenAt`. */
export function ordersDumpSql(takenAt: Date): string {
  const count = ordersBefore(takenAt);
  for (let id = insertLines.length + 1; id <= count; id++) insertLines.push(insertLine(id));
  return [
    `-- Demo Shop: the orders database as it was at ${takenAt.toISOString()} (${count} orders).`,
    '-- Made by the cockpit demo as plain SQL text; a real nightly job would run pg_dump.',
    'CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, total_cents integer NOT NULL, created_at timestamptz NOT NULL);',
    'BEGIN;',
    ...insertLines.slice(0, count),
    'COMMIT;',
    '',
  ].join('\n');
}

export function ordersDumpGzip(takenAt: Date): Buffer {
  return gzipSync(ordersDumpSql(takenAt), { level: 1 });
}
