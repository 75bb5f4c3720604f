// All the app's messages, one file per area, merged into one tree per language (the whole
// catalogue: what the tests and the API read). The first page's i18n provider holds every area
// but the refusals (src/i18n/firstPage.ts) and adds those when a refusal is first said.
import { deepMerge } from '../deepMerge';
import { firstPageAreas, mergeAreas } from '../firstPage';
import refusals from './refusals';
import type { MessageTree } from './types';

export { deepMerge };

export const messageAreas = { ...firstPageAreas, refusals } as const;

export const appMessages: { en: MessageTree; zh: MessageTree } = mergeAreas(Object.values(messageAreas));
