// Evidence the customer attaches (screenshots, receipts): file names or links, as the request's
// `evidenceFiles` holds them. One field for the platform's intake, resubmission and reply bodies.
import { z } from 'zod';
import { fieldCode } from './refusal';

export const EVIDENCE_MAX_FILES = 10;
export const EVIDENCE_NAME_MAX = 200;

export const evidenceField = z
  .array(
    z
      .string({ error: fieldCode('evidence_name') })
      .trim()
      .min(1, { error: fieldCode('evidence_name') })
      .max(EVIDENCE_NAME_MAX, { error: fieldCode('evidence_name') }),
    { error: fieldCode('evidence_list', { max: EVIDENCE_MAX_FILES }) },
  )
  .max(EVIDENCE_MAX_FILES, { error: fieldCode('evidence_list', { max: EVIDENCE_MAX_FILES }) });
