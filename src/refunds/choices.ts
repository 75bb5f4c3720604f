// Choices for selects and filters: every enum value with its i18n key (react-admin translates
// choice names), and the colour each status is shown in.
import {
  PAYMENT_CHANNELS,
  REASON_CATEGORIES,
  REFUND_STATUSES,
  SUBMISSION_CHANNELS,
  type RefundStatus,
} from '../domain/model';
import { SLA_STATES, type SlaState } from '../domain/sla';

export interface Choice<T extends string = string> {
  id: T;
  name: string;
}

export function choicesFor<T extends string>(values: readonly T[], prefix: string): Choice<T>[] {
  return values.map((id) => ({ id, name: `${prefix}.${id}` }));
}

export const statusChoices = choicesFor(REFUND_STATUSES, 'refunds.status');
export const reasonChoices = choicesFor(REASON_CATEGORIES, 'refunds.reason');
export const paymentChannelChoices = choicesFor(PAYMENT_CHANNELS, 'refunds.paymentChannel');
export const submissionChannelChoices = choicesFor(SUBMISSION_CHANNELS, 'refunds.submissionChannel');
/** "stopped" is not a filter the API offers: it is just "not open". */
export const slaFilterChoices = choicesFor(
  SLA_STATES.filter((s): s is Exclude<SlaState, 'stopped'> => s !== 'stopped'),
  'refunds.sla.state',
);

export type PaletteColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const STATUS_COLORS: Record<RefundStatus, PaletteColor> = {
  pending: 'info',
  in_review: 'primary',
  awaiting_info: 'warning',
  awaiting_second_approval: 'secondary',
  approved: 'success',
  partially_approved: 'success',
  rejected: 'error',
  refunded: 'default',
};

export const SLA_COLORS: Record<SlaState, string> = {
  breached: 'error.main',
  due_soon: 'warning.main',
  on_track: 'text.primary',
  stopped: 'text.secondary',
};
