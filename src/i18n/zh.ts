// Simplified Chinese: react-admin's own messages (raChinese) plus the app's.
import type { TranslationMessages } from 'react-admin';
import raChinese from './raChinese';
import { appMessages, deepMerge } from './messages';

const zh = deepMerge(raChinese, appMessages.zh) as TranslationMessages;

export default zh;
