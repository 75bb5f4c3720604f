// The review screen: the request, amounts and coins, the policy checks with the suggested decision,
// the history, the internal notes, the customer (their refund profile and other requests), the
// order, and the action bar with the workflow's buttons and dialogs. j / k step through the list.
import AttachmentIcon from '@mui/icons-material/AttachFile';
import { Box, Chip, Stack, Typography } from '@mui/material';
import {
  DataTable,
  Labeled,
  ListButton,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  ShowButton,
  type ShowProps,
  TextField,
  TopToolbar,
  Pagination,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { RefundRequest } from '../domain/model';
import { AccountStatusField } from '../customers/AccountStatusChip';
import { DateTimeField, FenField, IntegerField, RelativeTimeField } from '../i18n/fields';
import { paymentChannelChoices, reasonChoices, submissionChannelChoices } from './choices';
import { RefundPolicyPanel } from './PolicyChecks';
import { PolicyFlagsField } from './PolicyFlagIcons';
import { AmountCell, REFUND_CELLS_SX } from './RefundList';
import { SecondApprovalCountdownField, SlaCountdownField } from './SlaCountdown';
import { ExpectedDecisionDetail } from './ExpectedDecision';
import { awaitsDecision } from '../domain/expectedDecision';
import { CustomerProfilePanel } from './review/CustomerProfilePanel';
import { RefundPrevNext } from './review/PrevNext';
import { RefundActionBar } from './review/RefundActionBar';
import { RefundHistory } from './review/RefundHistory';
import { RefundNotes } from './review/RefundNotes';
import { RefundStatusField } from './StatusChip';
import { OverturnedField } from '../complaints/ComplaintFields';
import { ComplaintsForRefund } from '../complaints/ComplaintsForRefund';
import { Section, fieldGrid } from '../layout/Section';
import { ResubmissionLinks } from './ResubmissionLinks';
import { CoinLedgerPanel } from './CoinLedgerPanel';
import { CustomerText, CustomerTextField } from '../layout/CustomerText';
import { LiveNotice } from '../layout/LiveNotice';
import { PresenceBar } from '../layout/PresenceBar';

export function RefundTitle() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate('refunds.show.title', { orderNumber: record.orderNumber })}</span>;
}

function EvidenceFiles() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.evidenceFiles.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('refunds.show.no_evidence')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.evidenceFiles.map((file) => (
        <Chip
          key={file}
          size="small"
          variant="outlined"
          icon={<AttachmentIcon />}
          label={<CustomerText text={file} />}
        />
      ))}
    </Stack>
  );
}

function ProvidedItems(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.providedItems.length === 0)
    return <Typography variant="body2">{translate('common.none')}</Typography>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.providedItems.map((item) => (
        <Chip key={item} size="small" label={translate(`refunds.infoItem.${item}`)} />
      ))}
    </Stack>
  );
}

function Description(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
      {record.description ? (
        <CustomerText text={record.description} />
      ) : (
        translate('refunds.show.no_description')
      )}
    </Typography>
  );
}

function RequestSection() {
  return (
    <Section title="refunds.show.sections.request">
      <Box sx={fieldGrid}>
        <Labeled>
          <TextField source="orderNumber" />
        </Labeled>
        <Labeled>
          <SelectField source="reasonCategory" choices={reasonChoices} />
        </Labeled>
        <Labeled>
          <SelectField source="submissionChannel" choices={submissionChannelChoices} />
        </Labeled>
        <Labeled>
          <DateTimeField source="submittedAt" />
        </Labeled>
        <ResubmissionLinks />
        <Labeled label="resources.refunds.fields.providedItems">
          <ProvidedItems />
        </Labeled>
        <Labeled label="resources.refunds.fields.flags">
          <PolicyFlagsField />
        </Labeled>
      </Box>
      <Stack spacing={2} sx={{ mt: 2 }}>
        <Labeled label="resources.refunds.fields.description">
          <Description />
        </Labeled>
        <Labeled label="resources.refunds.fields.evidenceFiles">
          <EvidenceFiles />
        </Labeled>
      </Stack>
    </Section>
  );
}

function AmountsSection() {
  const record = useRecordContext<RefundRequest>();
  return (
    <Section title="refunds.show.sections.amounts">
      <Box sx={fieldGrid}>
        <Labeled>
          <FenField source="paidFen" />
        </Labeled>
        <Labeled>
          <FenField source="refundableFen" />
        </Labeled>
        {record?.approvedFen != null && (
          <Labeled>
            <FenField source="approvedFen" />
          </Labeled>
        )}
        <Labeled>
          <IntegerField source="coins" />
        </Labeled>
        <Labeled>
          <IntegerField source="coinsSpent" />
        </Labeled>
        <Labeled>
          <IntegerField source="coinsSpentOnTips" />
        </Labeled>
        <Labeled>
          <SelectField source="paymentChannel" choices={paymentChannelChoices} />
        </Labeled>
        <Labeled>
          <DateTimeField source="purchasedAt" />
        </Labeled>
        {record?.expectedArrivalAt && (
          <Labeled>
            <DateTimeField source="expectedArrivalAt" />
          </Labeled>
        )}
        {record?.refundedAt && (
          <Labeled>
            <DateTimeField source="refundedAt" />
          </Labeled>
        )}
      </Box>
    </Section>
  );
}

function HandlingSection() {
  const record = useRecordContext<RefundRequest>();
  return (
    <Section title="refunds.show.sections.handling" testId="refund-handling">
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <Labeled>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <RefundStatusField source="status" />
              <OverturnedField />
            </Stack>
          </Labeled>
          <Labeled>
            <SlaCountdownField source="slaDueAt" />
          </Labeled>
          {record && awaitsDecision(record.status) && (
            <Labeled label="resources.refunds.fields.expectedDecisionBy">
              <ExpectedDecisionDetail />
            </Labeled>
          )}
          {record?.status === 'awaiting_second_approval' && record.secondApprovalDueAt && (
            <Labeled label="resources.refunds.fields.secondApprovalDueAt">
              <SecondApprovalCountdownField />
            </Labeled>
          )}
        </Stack>
        {/* a fresh bar (no dialog left open) for each request queue mode or j / k opens */}
        {record && <RefundActionBar key={record.id} />}
        <Labeled>
          <ReferenceField source="assigneeId" reference="users" link={false} emptyText="common.unassigned" />
        </Labeled>
        <Labeled>
          <DateTimeField source="slaDueAt" />
        </Labeled>
        {record?.decidedAt && (
          <Labeled>
            <DateTimeField source="decidedAt" />
          </Labeled>
        )}
        {record?.awaitingInfoSince && (
          <Labeled>
            <DateTimeField source="awaitingInfoSince" />
          </Labeled>
        )}
      </Stack>
    </Section>
  );
}

function CustomerSection() {
  const translate = useTranslate();
  return (
    <Section title="refunds.show.sections.customer" testId="refund-customer">
      <ReferenceField source="customerId" reference="customers" link={false}>
        <Stack spacing={1.5}>
          <Labeled>
            <CustomerTextField source="name" />
          </Labeled>
          <Labeled>
            <AccountStatusField source="accountStatus" />
          </Labeled>
          <Labeled>
            <DateTimeField source="registeredAt" />
          </Labeled>
          <Box>
            <ShowButton />
          </Box>
        </Stack>
      </ReferenceField>
      <Box sx={{ mt: 2 }}>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
          {translate('refunds.profile.title')}
        </Typography>
        <CustomerProfilePanel />
      </Box>
    </Section>
  );
}

function OrderSection() {
  return (
    <Section title="refunds.show.sections.order" testId="refund-order">
      <ReferenceField source="orderId" reference="orders" link={false}>
        <Stack spacing={1.5}>
          <Labeled>
            <TextField source="orderNumber" />
          </Labeled>
          <Labeled>
            <DateTimeField source="purchasedAt" />
          </Labeled>
          <Labeled>
            <FenField source="paidFen" />
          </Labeled>
          <Box>
            <ShowButton />
          </Box>
        </Stack>
      </ReferenceField>
    </Section>
  );
}

function CustomerRequestsSection() {
  const record = useRecordContext<RefundRequest>();
  const currentId = record?.id;
  return (
    <Section title="refunds.show.sections.other_requests" testId="refund-customer-requests">
      <ReferenceManyField
        reference="refunds"
        target="customerId"
        source="customerId"
        sort={{ field: 'submittedAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10]} />}
      >
        <DataTable<RefundRequest>
          rowClick="show"
          bulkActionButtons={false}
          rowSx={(r: RefundRequest) => (r.id === currentId ? { bgcolor: 'action.selected' } : {})}
          sx={REFUND_CELLS_SX}
        >
          <DataTable.Col source="orderNumber" />
          <DataTable.Col source="submittedAt">
            <RelativeTimeField source="submittedAt" />
          </DataTable.Col>
          <DataTable.Col source="paidFen" align="right">
            <AmountCell />
          </DataTable.Col>
          <DataTable.Col source="status">
            <RefundStatusField />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
}

function RefundShowLayout() {
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
        <RequestSection />
        <Section title="policy.title" testId="refund-policy">
          <RefundPolicyPanel />
        </Section>
        <AmountsSection />
        <Section title="coins.panel.title" testId="refund-coins">
          <CoinLedgerPanel />
        </Section>
        <Section title="refunds.history.title" testId="refund-history-section">
          <RefundHistory />
        </Section>
        <CustomerRequestsSection />
      </Stack>
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <HandlingSection />
        <Section title="refunds.notes.title" testId="refund-notes-section">
          <RefundNotes />
        </Section>
        <Section title="complaints.panel.title" testId="refund-complaints">
          <ComplaintsForRefund />
        </Section>
        <CustomerSection />
        <OrderSection />
      </Stack>
    </Box>
  );
}

function RefundShowActions() {
  return (
    <TopToolbar>
      <RefundPrevNext />
      <ListButton />
    </TopToolbar>
  );
}

/** Props pass through to <Show> (an `id` lets it open outside a route, e.g. in a drawer or a test). */
export function RefundShow(props: Omit<ShowProps<RefundRequest>, 'children'>) {
  return (
    <Show<RefundRequest> title={<RefundTitle />} actions={<RefundShowActions />} component="div" {...props}>
      <LiveNotice />
      <PresenceBar resource="refunds" />
      <RefundShowLayout />
    </Show>
  );
}
