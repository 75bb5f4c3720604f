// @vitest-environment jsdom
// The catalogues cover the whole app (catalogues.test.tsx checks that en and zh match each other):
// - every message file is registered, so no area is left out of that comparison;
// - every enum of the complaints and the dashboard has a label;
// - every i18n key written in the source (translate('…'), label="…", choice names, key prefixes
//   completed at run time) exists in both catalogues: a typo or a forgotten key fails here instead
//   of showing a raw key on screen.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKLOG_AGES, DECISION_OUTCOMES, METRIC_DEFINITIONS } from '../../src/domain/metrics';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_PRIORITIES,
  COMPLAINT_STATUSES,
} from '../../src/domain/model';
import en from '../../src/i18n/en';
import { messageAreas } from '../../src/i18n/messages';
import zh from '../../src/i18n/zh';
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhookEvents';

type Tree = { [key: string]: unknown };

/** Every path of the tree: leaves (messages) and branches (key prefixes). */
function paths(tree: Tree, prefix = ''): { leaves: Set<string>; branches: Set<string> } {
  const leaves = new Set<string>();
  const branches = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.add(p);
    else if (value && typeof value === 'object') {
      branches.add(p);
      const sub = paths(value as Tree, p);
      sub.leaves.forEach((l) => leaves.add(l));
      sub.branches.forEach((b) => branches.add(b));
    }
  }
  return { leaves, branches };
}

const catalogues = { en: paths(en as Tree), zh: paths(zh as Tree) };
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe('every area is in the catalogue', () => {
  it('each file of src/i18n/messages is registered in messageAreas', () => {
    const files = fs
      .readdirSync(path.join(root, 'src/i18n/messages'))
      .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(messageAreas).sort()).toEqual(files);
  });

  const enums: [string, readonly (string | number)[]][] = [
    ['complaints.status', COMPLAINT_STATUSES],
    ['complaints.channel', COMPLAINT_CHANNELS],
    ['complaints.category', COMPLAINT_CATEGORIES],
    ['complaints.priority', COMPLAINT_PRIORITIES],
    ['complaints.outcome', COMPLAINT_OUTCOMES],
    ['dashboard.outcomes', DECISION_OUTCOMES],
    ['dashboard.backlogAge', BACKLOG_AGES],
  ];
  it.each(enums)('%s has a label for every value in both languages', (prefix, values) => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      const missing = values.map((v) => `${prefix}.${v}`).filter((key) => !catalogue.leaves.has(key));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });

  it('every metric definition the dashboard explains is written in both languages', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      const missing = Object.values(METRIC_DEFINITIONS).filter((key) => !catalogue.leaves.has(key));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});

describe('every key the source code names exists', () => {
  const namespaces = new Set([...catalogues.en.leaves].map((k) => k.split('.')[0]!));
  // the wallet (src/wallet/) is the customer's app, with its own small catalogue
  const files = sourceFiles(path.join(root, 'src')).filter(
    (f) => !f.includes(`${path.sep}i18n${path.sep}`) && !f.includes(`${path.sep}wallet${path.sep}`),
  );
  // webhook event types ('coins.held') are names on the wire, not messages
  const eventTypes = new Set<string>(WEBHOOK_EVENT_TYPES);
  // a quoted dotted word starting with a catalogue namespace: 'refunds.status', "layout.api_down.title"
  const literal = /(['"`])([a-z_]+(?:\.[A-Za-z0-9_-]+)+)(\.)?(\$\{)?/g;

  const found: { file: string; key: string; prefix: boolean; partial?: boolean }[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(literal)) {
      const key = match[2]!;
      if (!namespaces.has(key.split('.')[0]!) || eventTypes.has(key)) continue;
      // react-admin store keys ('refunds.queueMode') share the namespaces but are not messages
      const line = text.slice(text.lastIndexOf('\n', match.index) + 1, match.index);
      if (/useStore\b/.test(line)) continue;
      // `refunds.status.${status}`: the static part is a prefix completed at run time
      const prefix = Boolean(match[4]) || Boolean(match[3]);
      // `…detail.second_${decision}`: the last segment itself is completed at run time
      const partial = Boolean(match[4]) && !match[3];
      found.push({ file: path.relative(root, file), key, prefix, partial });
    }
  }

  it('finds keys to check (the scan works)', () => {
    expect(found.length).toBeGreaterThan(200);
  });

  it.each(['en', 'zh'] as const)('in %s', (locale) => {
    const { leaves, branches } = catalogues[locale];
    const startsAny = (key: string) => [...leaves].some((leaf) => leaf.startsWith(key));
    const missing = found
      .filter(({ key, prefix, partial }) =>
        partial ? !startsAny(key) : prefix ? !branches.has(key) : !leaves.has(key) && !branches.has(key),
      )
      // file names and other dotted words that are not keys (e.g. 'dashboard.csv') are not in any namespace branch
      .filter(({ key }) => !/\.(csv|png|json|ts|tsx)$/.test(key))
      .map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});
