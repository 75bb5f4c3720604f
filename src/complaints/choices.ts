// Choices for the complaint selects and filters (react-admin translates the names) and the colour
// each status, level and priority is shown in.
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_PRIORITIES,
  COMPLAINT_STATUSES,
  type ComplaintPriority,
  type ComplaintStatus,
} from '../domain/model';
import { choicesFor, type PaletteColor } from '../refunds/choices';

export const complaintStatusChoices = choicesFor(COMPLAINT_STATUSES, 'complaints.status');
export const complaintChannelChoices = choicesFor(COMPLAINT_CHANNELS, 'complaints.channel');
export const complaintCategoryChoices = choicesFor(COMPLAINT_CATEGORIES, 'complaints.category');
export const complaintPriorityChoices = choicesFor(COMPLAINT_PRIORITIES, 'complaints.priority');
export const complaintOutcomeChoices = choicesFor(COMPLAINT_OUTCOMES, 'complaints.outcome');
export const complaintLevelChoices = [
  { id: 1, name: 'complaints.level.one' },
  { id: 2, name: 'complaints.level.two' },
];

export const COMPLAINT_STATUS_COLORS: Record<ComplaintStatus, PaletteColor> = {
  open: 'info',
  investigating: 'primary',
  awaiting_customer: 'warning',
  escalated: 'error',
  resolved: 'success',
  closed: 'default',
};

export const PRIORITY_COLORS: Record<ComplaintPriority, PaletteColor> = {
  normal: 'default',
  high: 'warning',
  urgent: 'error',
};
