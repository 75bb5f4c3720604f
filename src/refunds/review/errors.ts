// What an API refusal means for the review screen: its status, the server's text, the per-field
// errors of a 422 and, for a 409, the request as it is now. The headings are i18n keys so the
// reviewer reads the kind of problem in their language; the server's text is shown as the detail.
import { REFUND_STATUSES, type RefundRequest } from '../../domain/model';

export interface WorkflowError {
  status: number | null;
  /** the server's `message` (English), or the error's own message */
  message: string;
  /** 422: one message per field (`amountFen`, `againstSuggestionReason`, `note` ...) */
  errors: Record<string, string>;
  /** 409: the request as it stands now */
  current: RefundRequest | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRefundRequest(value: unknown): value is RefundRequest {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.version === 'number' &&
    (REFUND_STATUSES as readonly unknown[]).includes(value.status)
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
  return {
    status,
    message: bodyMessage ?? ownMessage,
    errors,
    current: isRefundRequest(body.current) ? body.current : null,
  };
}

/** The translated heading of a refusal: 403, 404, 409, 422 are known cases; the rest is generic. */
export function errorHeadingKey(status: number | null): string {
  switch (status) {
    case 403:
      return 'common.errors.forbidden';
    case 404:
      return 'common.errors.not_found';
    case 409:
      return 'common.errors.conflict';
    case 422:
      return 'common.errors.invalid';
    case null:
      return 'common.errors.network';
    default:
      return 'common.errors.unknown';
  }
}
