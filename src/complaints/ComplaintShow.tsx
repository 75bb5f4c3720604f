// One complaint: what the customer says, its handling (due time, level, assignee) and actions;
// its resolution; its timeline (notes, contacts, escalations) side by side with the refund
// request's own history; and the request with the reviewer's decision and the policy checks.
import { Alert, Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Labeled,
  ListButton,
  RecordContextProvider,
  ReferenceField,
  SelectField,
  Show,
  TextField,
  TopToolbar,
  useGetOne,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { availableComplaintActions } from '../domain/complaintWorkflow';
import type { Complaint, RefundRequest } from '../domain/model';
import { DateTimeField, FenField, useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';
import { paymentChannelChoices } from '../refunds/choices';
import { RefundPolicyPanel } from '../refunds/PolicyChecks';
import { RefundStatusChip } from '../refunds/StatusChip';
import { complaintCategoryChoices, complaintChannelChoices } from './choices';
import { ComplaintActions } from './ComplaintActionDialogs';
import { PendingResolutionPanel } from './ComplaintSecondApproval';
import {
  ComplaintDueField,
  ComplaintStatusField,
  LevelChip,
  OutcomeChip,
  OverturnedMark,
  PriorityField,
} from './ComplaintFields';
import { Section, fieldGrid } from '../layout/Section';
import { CustomerText, CustomerTextField } from '../layout/CustomerText';
import { AuditTimeline } from '../workflow/AuditTimeline';
import { useWhoAmI } from '../workflow/identity';
import { useStaffName } from '../workflow/staff';
import { PresenceBar } from '../layout/PresenceBar';

export function ComplaintTitle() {
  const record = useRecordContext<Complaint>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <span>{translate('complaints.show.title', { id: record.id, orderNumber: record.orderNumber })}</span>
  );
}

function Text({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {children}
    </Typography>
  );
}

function ComplaintSection({ complaint }: { complaint: Complaint }) {
  const translate = useTranslate();
  const openedBy = useStaffName(complaint.openedBy);
  return (
    <Section title="complaints.show.sections.complaint" testId="complaint-details">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <ComplaintStatusField />
        <LevelChip level={complaint.level} long />
        <ComplaintDueField />
      </Stack>
      <Box sx={fieldGrid}>
        <Labeled>
          <SelectField source="category" choices={complaintCategoryChoices} />
        </Labeled>
        <Labeled>
          <SelectField source="channel" choices={complaintChannelChoices} />
        </Labeled>
        <Labeled>
          <PriorityField source="priority" />
        </Labeled>
        <Labeled>
          <ReferenceField source="assigneeId" reference="users" link={false} emptyText="common.unassigned" />
        </Labeled>
        <Labeled>
          <DateTimeField source="openedAt" />
        </Labeled>
        <Labeled>
          <DateTimeField source="dueAt" />
        </Labeled>
        <Labeled label="resources.complaints.fields.openedBy">
          <Text>
            {complaint.openedBy
              ? (openedBy ?? complaint.openedBy)
              : translate('complaints.timeline.customer')}
          </Text>
        </Labeled>
        <Labeled>
          <CustomerTextField source="customerName" />
        </Labeled>
        {complaint.escalatedAt && (
          <Labeled>
            <DateTimeField source="escalatedAt" />
          </Labeled>
        )}
      </Box>
      <Box sx={{ mt: 2 }}>
        <Labeled label="resources.complaints.fields.description">
          <Text>
            <CustomerText text={complaint.description} />
          </Text>
        </Labeled>
      </Box>
    </Section>
  );
}

function ResolutionSection({ complaint }: { complaint: Complaint }) {
  const translate = useTranslate();
  const locale = useLocale();
  const by = useStaffName(complaint.resolution?.by);
  const resolution = complaint.resolution;
  if (!resolution) return null;
  return (
    <Section title="complaints.show.sections.resolution" testId="complaint-resolution">
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <OutcomeChip outcome={resolution.outcome} />
          {resolution.amountFen !== undefined && (
            <Typography variant="body2">
              {translate('complaints.show.amount', { amount: formatFen(resolution.amountFen, locale) })}
            </Typography>
          )}
          {resolution.goodwillCoins !== undefined && (
            <Typography variant="body2">
              {translate('complaints.show.goodwill_coins', {
                coins: formatInteger(resolution.goodwillCoins, locale),
              })}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {by ?? resolution.by} · {formatDateTime(resolution.at, locale)}
          </Typography>
          {resolution.secondApproverId && <SecondApprover id={resolution.secondApproverId} />}
        </Stack>
        <Labeled label="complaints.decision.message">
          <Text>
            <CustomerText text={resolution.customerMessage} />
          </Text>
        </Labeled>
      </Stack>
    </Section>
  );
}

/** Who confirmed a resolution that needed four eyes. */
function SecondApprover({ id }: { id: string }) {
  const translate = useTranslate();
  const name = useStaffName(id);
  return (
    <Typography variant="caption" color="text.secondary" data-testid="complaint-second-approver">
      {translate('complaints.show.second_approver', { name: name ?? id })}
    </Typography>
  );
}

/** The reviewer's decision on the request (still on record after an overturn). */
function DecisionSection({ complaint, refund }: { complaint: Complaint; refund: RefundRequest | undefined }) {
  const translate = useTranslate();
  const locale = useLocale();
  const decision = refund?.decision ?? null;
  const by = useStaffName(decision && decision.by !== 'system' ? decision.by : null);
  return (
    <Section title="complaints.decision.title" testId="complaint-decision">
      {!decision ? (
        <Typography variant="body2" color="text.secondary">
          {translate('complaints.decision.none')}
        </Typography>
      ) : (
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle1" component="span" sx={{ fontWeight: 600 }}>
              {translate(`complaints.decision.${decision.action}`)}
            </Typography>
            {refund?.overturned && <OverturnedMark />}
          </Stack>
          <Labeled label="complaints.decision.by">
            <Text>
              {decision.by === 'system' ? translate('complaints.timeline.system') : (by ?? decision.by)}
            </Text>
          </Labeled>
          <Labeled label="complaints.decision.at">
            <Text>{formatDateTime(decision.at, locale)}</Text>
          </Labeled>
          {decision.amountFen !== undefined && (
            <Labeled label="complaints.decision.amount">
              <Text>{formatFen(decision.amountFen, locale)}</Text>
            </Labeled>
          )}
          {decision.reasonCode && (
            <Labeled label="complaints.decision.reason">
              <Text>{translate(`refunds.rejectionReason.${decision.reasonCode}`)}</Text>
            </Labeled>
          )}
          <Labeled label="complaints.decision.message">
            <Text>
              <CustomerText text={decision.customerMessage} />
            </Text>
          </Labeled>
          {decision.note && (
            <Labeled label="complaints.decision.note">
              <Text>
                <CustomerText text={decision.note} />
              </Text>
            </Labeled>
          )}
          {decision.againstSuggestion && (
            <Alert severity="info" sx={{ py: 0 }}>
              {translate('complaints.decision.against_suggestion')}
            </Alert>
          )}
          {complaint.originalDecision && (
            <Labeled label="complaints.decision.status_then">
              <Box>
                <RefundStatusChip status={complaint.originalDecision.status} />
              </Box>
            </Labeled>
          )}
        </Stack>
      )}
    </Section>
  );
}

function RefundSection({ refund }: { refund: RefundRequest }) {
  return (
    <Section title="complaints.show.sections.refund" testId="complaint-refund">
      <RecordContextProvider value={refund}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <RefundStatusChip status={refund.status} />
            {refund.overturned && <OverturnedMark />}
          </Stack>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 1.5 }}>
            <Labeled label="resources.refunds.fields.orderNumber">
              <TextField source="orderNumber" />
            </Labeled>
            <Labeled label="resources.refunds.fields.paymentChannel">
              <SelectField source="paymentChannel" choices={paymentChannelChoices} />
            </Labeled>
            <Labeled label="resources.refunds.fields.paidFen">
              <FenField source="paidFen" />
            </Labeled>
            <Labeled label="resources.refunds.fields.refundableFen">
              <FenField source="refundableFen" />
            </Labeled>
            {refund.approvedFen !== null && (
              <Labeled label="resources.refunds.fields.approvedFen">
                <FenField source="approvedFen" />
              </Labeled>
            )}
            {refund.refundedAt && (
              <Labeled label="resources.refunds.fields.refundedAt">
                <DateTimeField source="refundedAt" />
              </Labeled>
            )}
            {refund.expectedArrivalAt && refund.status !== 'refunded' && (
              <Labeled label="resources.refunds.fields.expectedArrivalAt">
                <DateTimeField source="expectedArrivalAt" />
              </Labeled>
            )}
          </Box>
        </Stack>
      </RecordContextProvider>
    </Section>
  );
}

function ComplaintShowLayout() {
  const complaint = useRecordContext<Complaint>();
  const translate = useTranslate();
  const { actor } = useWhoAmI();
  const refundQuery = useGetOne<RefundRequest>(
    'refunds',
    { id: complaint?.refundId ?? '' },
    { enabled: Boolean(complaint?.refundId) },
  );
  if (!complaint) return null;
  const refund = refundQuery.data;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 1fr)' },
        gap: 2,
        alignItems: 'start',
      }}
    >
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <ComplaintSection complaint={complaint} />
        {complaint.pendingResolution && (
          <PendingResolutionPanel
            complaint={complaint}
            canApprove={
              actor !== null && availableComplaintActions(complaint, actor).includes('second_approval')
            }
          />
        )}
        <Section title="complaints.show.sections.actions">
          <ComplaintActions complaint={complaint} refund={refund} />
        </Section>
        <ResolutionSection complaint={complaint} />
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' },
            gap: 2,
            alignItems: 'start',
          }}
        >
          <Section title="complaints.show.sections.timeline" testId="complaint-timeline">
            <AuditTimeline
              filter={{ complaintId: complaint.id }}
              wording="complaint"
              itemTestId="timeline-item"
            />
          </Section>
          <Section title="complaints.show.sections.refund_history" testId="refund-history">
            <AuditTimeline
              filter={{ refundId: complaint.refundId, subject: 'refund' }}
              wording="complaint"
              itemTestId="timeline-item"
            />
          </Section>
        </Box>
      </Stack>
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        {refundQuery.error ? (
          <Alert severity="error">{translate('complaints.show.refund_unavailable')}</Alert>
        ) : (
          refund && <RefundSection refund={refund} />
        )}
        <Box>
          <ReferenceField source="refundId" reference="refunds" link="show">
            <Typography variant="body2" component="span">
              {translate('complaints.show.open_refund')}
            </Typography>
          </ReferenceField>
        </Box>
        <DecisionSection complaint={complaint} refund={refund} />
        {refund && (
          <Section title="complaints.show.sections.policy" testId="complaint-policy">
            <RecordContextProvider value={refund}>
              <RefundPolicyPanel />
            </RecordContextProvider>
          </Section>
        )}
      </Stack>
    </Box>
  );
}

function ComplaintShowActions() {
  return (
    <TopToolbar>
      <ListButton />
    </TopToolbar>
  );
}

export function ComplaintShow() {
  return (
    <Show title={<ComplaintTitle />} actions={<ComplaintShowActions />} component="div">
      <PresenceBar resource="complaints" />
      <ComplaintShowLayout />
    </Show>
  );
}
