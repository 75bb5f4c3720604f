// What an API refusal means for a workflow screen (refund requests and complaints alike): its
// status, the message as the data provider gives it, the per-field errors of a 422 and, for a
// 409, the record as it is now. The headings are i18n keys so the reader sees the kind of problem
// in their language; the provider's message is shown as the detail.

/** The part of a refund request or complaint a refusal's `current` must have to be shown. */
export interface CurrentRecord {
  id: string;
  version: number;
  status: string;
  /** refund requests say who changed them last; complaints do not (their last event does) */
  updatedBy?: string | null;
}

export interface WorkflowError {
  status: number | null;
  /** the provider's `message`, or the error's own message */
  message: string;
  /** 422: one message per field (`amountFen`, `againstSuggestionReason`, `note` ...) */
  errors: Record<string, string>;
  /** 409: the record as it stands now */
  current: CurrentRecord | null;
  /** 409: who made the change (a staff id), null for the system or the customer, undefined if unknown */
  changedBy?: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCurrentRecord(value: unknown): value is CurrentRecord {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.version === 'number' &&
    typeof value.status === 'string'
  );
}

/** Reads react-admin's HttpError (status, body = the JSON answer) or any other thrown value. */
export function toWorkflowError(error: unknown): WorkflowError {
  const status = isObject(error) && typeof error.status === 'number' ? error.status : null;
  const body = isObject(error) && isObject(error.body) ? error.body : {};
  const bodyMessage = typeof body.message === 'string' ? body.message : null;
  const ownMessage =
    error instanceof Error ? error.message : isObject(error) ? String(error.message ?? '') : '';
  const errors: Record<string, string> = {};
  if (isObject(body.errors)) {
    for (const [field, text] of Object.entries(body.errors)) {
      if (typeof text === 'string') errors[field] = text;
    }
  }
  const current = isCurrentRecord(body.current) ? body.current : null;
  return {
    status,
    // the error's own message first: the HTTP client may have put it in the reader's language
    message: ownMessage || (bodyMessage ?? ''),
    errors,
    current,
    ...(current && 'updatedBy' in current ? { changedBy: current.updatedBy ?? null } : {}),
  };
}

/** The translated heading of a refusal: 403, 404, 409, 422 are known cases; the rest is generic. */
export function errorHeadingKey(
  status: number | null,
  resource: 'refunds' | 'complaints' = 'refunds',
): string {
  switch (status) {
    case 403:
      return 'common.errors.forbidden';
    case 404:
      return 'common.errors.not_found';
    case 409:
      return resource === 'complaints' ? 'complaints.actions.conflict.heading' : 'common.errors.conflict';
    case 422:
      return 'common.errors.invalid';
    case null:
      return 'common.errors.network';
    default:
      return 'common.errors.unknown';
  }
}
