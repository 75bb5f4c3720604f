// English: react-admin's own messages plus the app's.
import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';
import { appMessages, deepMerge } from './messages';

const en = deepMerge(englishMessages, appMessages.en) as TranslationMessages;

export default en;
