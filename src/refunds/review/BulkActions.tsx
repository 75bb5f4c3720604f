// Bulk actions on the refund list: supervisors reassign the selected requests to one person;
// reviewers (and supervisors) reject the selected duplicates with one reason and one message. The
// server answers item by item; failures are listed in the notification.
import AssignIcon from '@mui/icons-material/AssignmentInd';
import RejectIcon from '@mui/icons-material/DoNotDisturbOn';
import { Alert, Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import {
  FormDataConsumer,
  SelectInput,
  required,
  useDataProvider,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import { rejectionTemplate } from '../../domain/messageTemplates';
import { LOCALES, type Locale, type RefundRequest, type RejectionReason } from '../../domain/model';
import { canAccess } from '../../domain/permissions';
import type { BulkItem, BulkResult, RefundDeskDataProvider } from '../../providers/dataProvider';
import { CustomerMessageInput } from './DecisionFields';
import { RejectNoteInput, RejectionReasonInput, type RejectValues } from './RejectFields';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { useStaffDirectory } from '../../workflow/staff';
import { useWorkflowCommand } from '../../workflow/useWorkflowCommand';
import { AssigneeInput } from './SupervisorDialogs';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';

/** The selected requests with the versions the reviewer saw (fetched when not on this page). */
function useSelection() {
  const { selectedIds, data } = useListContext<RefundRequest>();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const onPage = new Map((data ?? []).map((r) => [r.id, r]));
  const known = selectedIds.map((id) => onPage.get(id)).filter((r): r is RefundRequest => Boolean(r));
  const load = async (): Promise<RefundRequest[]> => {
    const missing = selectedIds.filter((id) => !onPage.has(id));
    if (missing.length === 0) return known;
    const { data: fetched } = await dataProvider.getMany<RefundRequest>('refunds', { ids: missing });
    return [...known, ...fetched];
  };
  return { selectedIds, known, load };
}

const items = (records: RefundRequest[]): BulkItem[] =>
  records.map((r) => ({ id: String(r.id), version: r.version }));

/** The per-item outcome as a notification: how many succeeded, then each failure with its reason. */
function useReportBulk() {
  const notify = useNotify();
  const translate = useTranslate();
  return (result: BulkResult, records: RefundRequest[], doneKey: string) => {
    const byId = new Map(records.map((r) => [String(r.id), r.orderNumber]));
    const failures = result.results.filter((r) => !r.ok);
    notify(
      <Box data-testid="bulk-report">
        <Typography variant="subtitle2" component="p">
          {translate(doneKey, { smart_count: result.succeeded, total: result.results.length })}
        </Typography>
        {failures.length > 0 && (
          <Typography variant="body2" component="p">
            {translate('refunds.review.bulk.failed', { smart_count: failures.length })}
          </Typography>
        )}
        {failures.map((f) => (
          <Typography key={f.id} variant="body2" component="p">
            {`${byId.get(f.id) ?? f.id}: ${f.message ?? translate('common.errors.unknown')}`}
          </Typography>
        ))}
      </Box>,
      {
        type: failures.length === 0 ? 'success' : result.succeeded === 0 ? 'error' : 'warning',
        autoHideDuration: 15_000,
      },
    );
  };
}

/**
 * A bulk command through the same pipeline as a single one (useWorkflowCommand): the selection's
 * versions are loaded, the provider's bulk method runs, the per-item outcome is reported.
 */
function useBulkRunner() {
  const { onUnselectItems } = useListContext<RefundRequest>();
  const report = useReportBulk();
  const command = useWorkflowCommand(
    'refunds',
    async (_dp, { load, call }: BulkVariables): Promise<{ data: BulkOutcome }> => {
      const records = await load();
      const { data } = await call(records);
      return { data: { records, result: data } };
    },
  );
  const run = (
    load: BulkVariables['load'],
    call: BulkVariables['call'],
    doneKey: string,
    onDone: () => void,
  ) =>
    command.run(
      { load, call },
      {
        onSuccess: ({ records, result }) => {
          report(result, records, doneKey);
          onUnselectItems();
          onDone();
        },
      },
    );
  return { run, isPending: command.isPending, error: command.error };
}

interface BulkVariables {
  load: () => Promise<RefundRequest[]>;
  call: (records: RefundRequest[]) => Promise<{ data: BulkResult }>;
}
interface BulkOutcome {
  records: RefundRequest[];
  result: BulkResult;
}

/** Reassigns the selection: the same form and input as the single ReassignDialog, the bulk method. */
export function BulkReassignButton() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const { users } = useStaffDirectory();
  const { selectedIds, load } = useSelection();
  const [open, setOpen] = useState(false);
  const { run, isPending, error } = useBulkRunner();
  const candidates = users.filter((u) => u.active && u.role !== 'manager');
  const close = () => setOpen(false);
  return (
    <>
      <Button
        size="small"
        startIcon={<AssignIcon />}
        onClick={() => setOpen(true)}
        data-testid="bulk-reassign"
      >
        {translate('refunds.review.bulk.reassign')}
      </Button>
      {open && (
        <ActionFormDialog<{ assigneeId: string }>
          resource="refunds"
          title={translate('refunds.review.bulk.reassign_title', { smart_count: selectedIds.length })}
          testId="bulk-reassign-dialog"
          onClose={close}
          onSubmit={({ assigneeId }) =>
            run(
              load,
              (records) => dataProvider.bulkReassign({ items: items(records), assigneeId }),
              'refunds.review.bulk.reassigned',
              close,
            )
          }
          submitLabel={translate('refunds.review.reassign.submit')}
          isPending={isPending}
          error={error}
          maxWidth="xs"
        >
          <AssigneeInput candidates={candidates} />
        </ActionFormDialog>
      )}
    </>
  );
}

const ORDER_PLACEHOLDER = '\u0000ORDER\u0000';

/**
 * One rejection message for several requests: the reason's template with the order number when
 * they all concern one order, otherwise worded for "your order" (a customer must never read
 * another customer's order number).
 */
export function bulkRejectionTemplate(
  reason: RejectionReason,
  locale: Locale,
  orderNumbers: string[],
): string {
  const distinct = [...new Set(orderNumbers)];
  if (distinct.length === 1) return rejectionTemplate(reason, locale, { orderNumber: distinct[0] });
  const text = rejectionTemplate(reason, locale, { orderNumber: ORDER_PLACEHOLDER });
  return locale === 'zh-CN'
    ? text.replace(new RegExp(`订单号\\s*${ORDER_PLACEHOLDER}\\s*`, 'g'), '该订单')
    : text.replace(new RegExp(`order ${ORDER_PLACEHOLDER}`, 'g'), 'your order');
}

function majorityLocale(records: RefundRequest[]): Locale {
  if (records.length === 0) return 'zh-CN';
  const zh = records.filter((r) => r.customerLocale === 'zh-CN').length;
  return zh * 2 >= records.length ? 'zh-CN' : 'en';
}

export function BulkRejectButton() {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<RejectIcon />}
        onClick={() => setOpen(true)}
        data-testid="bulk-reject"
      >
        {translate('refunds.review.bulk.reject')}
      </Button>
      {open && <BulkRejectDialog onClose={() => setOpen(false)} />}
    </>
  );
}

interface BulkRejectValues extends RejectValues {
  locale: Locale;
}

/** Rejects the selection: the single RejectDialog's inputs, one message in the language chosen. */
function BulkRejectDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const { selectedIds, known, load } = useSelection();
  const { run, isPending, error } = useBulkRunner();
  const orderNumbers = known.map((r) => r.orderNumber);
  const [defaults] = useState<Partial<BulkRejectValues>>(() => {
    const locale = majorityLocale(known);
    return {
      reasonCode: 'duplicate',
      locale,
      customerMessage: bulkRejectionTemplate('duplicate', locale, orderNumbers),
    };
  });
  const notDuplicates = known.filter((r) => !r.duplicate).length;
  const mixedLocales = new Set(known.map((r) => r.customerLocale)).size > 1;

  return (
    <ActionFormDialog<BulkRejectValues>
      resource="refunds"
      title={translate('refunds.review.bulk.reject_title', { smart_count: selectedIds.length })}
      testId="bulk-reject-dialog"
      onClose={onClose}
      defaultValues={defaults}
      onSubmit={({ reasonCode, customerMessage, note }) => {
        if (reasonCode === '') return;
        return run(
          load,
          (records) =>
            dataProvider.bulkReject({
              items: items(records),
              reasonCode,
              customerMessage: customerMessage.trim(),
              ...(note?.trim() ? { note: note.trim() } : {}),
            }),
          'refunds.review.bulk.rejected',
          onClose,
        );
      }}
      submitLabel={translate('refunds.review.reject.submit')}
      submitColor="error"
      isPending={isPending}
      error={error}
    >
      {notDuplicates > 0 && (
        <Alert severity="warning" data-testid="bulk-not-duplicates">
          {translate('refunds.review.bulk.not_duplicates', { smart_count: notDuplicates })}
        </Alert>
      )}
      <Alert severity="info">{translate('refunds.review.bulk.reject_help')}</Alert>
      <RejectionReasonInput />
      <SelectInput
        source="locale"
        label={translate('refunds.review.bulk.language')}
        choices={LOCALES.map((l) => ({ id: l, name: translate(`locales.${l}`) }))}
        translateChoice={false}
        helperText={mixedLocales ? translate('refunds.review.bulk.mixed_languages') : ' '}
        validate={required()}
      />
      <FormDataConsumer<BulkRejectValues>>
        {({ formData }) => (
          <>
            <CustomerMessageInput
              template={
                formData.reasonCode
                  ? bulkRejectionTemplate(formData.reasonCode, formData.locale ?? 'zh-CN', orderNumbers)
                  : ''
              }
              customerLocale={formData.locale ?? 'zh-CN'}
            />
            <RejectNoteInput reasonCode={formData.reasonCode} />
          </>
        )}
      </FormDataConsumer>
    </ActionFormDialog>
  );
}

/** The list's bulk action buttons for the signed-in role. */
export function RefundBulkActions() {
  const { actor } = useActor();
  const role = actor?.role ?? null;
  return (
    <>
      {canAccess(role, { resource: 'refunds', action: 'reassign' }) && <BulkReassignButton />}
      {canAccess(role, { resource: 'refunds', action: 'reject' }) && <BulkRejectButton />}
    </>
  );
}
