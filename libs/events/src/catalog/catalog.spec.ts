import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EVENT_CATALOG, catalogKey } from './catalog';
import { incompatibilities } from './schema-compatibility';

/**
 * The committed catalog.snapshot.json pins the payload schema of every (type, version).
 * `npm run events:snapshot` records new entries and compatible changes; an incompatible
 * change to a recorded version fails here: publish it as a new version instead.
 */
const snapshotPath = join(__dirname, 'catalog.snapshot.json');
type Snapshot = Record<string, Parameters<typeof incompatibilities>[0]>;

const current: Snapshot = Object.fromEntries(
  EVENT_CATALOG.map((definition) => [
    catalogKey(definition.type, definition.version),
    z.toJSONSchema(definition.schema) as Snapshot[string],
  ]),
);
const recorded: Snapshot = existsSync(snapshotPath)
  ? (JSON.parse(readFileSync(snapshotPath, 'utf8')) as Snapshot)
  : {};

describe('event catalog', () => {
  if (process.env.UPDATE_EVENT_SNAPSHOT === '1') {
    it('records the snapshot', () => {
      const breaking = Object.entries(recorded).flatMap(([key, schema]) =>
        current[key] ? incompatibilities(schema, current[key]).map((p) => `${key}: ${p}`) : [],
      );
      expect(breaking).toEqual([]);
      writeFileSync(snapshotPath, `${JSON.stringify({ ...recorded, ...current }, null, 2)}\n`);
    });
    return;
  }

  it.each(Object.keys(current))('%s is recorded in catalog.snapshot.json', (key) => {
    expect(recorded[key]).toBeDefined();
  });

  it.each(Object.keys(recorded))('%s changed only compatibly (or was given a new version)', (key) => {
    const schema = current[key];
    if (!schema) throw new Error(`${key} is recorded but no longer in the catalog: old events still need it`);
    expect(incompatibilities(recorded[key], schema)).toEqual([]);
    expect(schema).toEqual(recorded[key]); // compatible but unrecorded: run npm run events:snapshot
  });
});
