// The bulk dialogs of the refund list, loaded when one is opened: the single action's form and
// inputs (AssigneeInput; the reject fields), the same pipeline (useWorkflowCommand: busy state,
// refusal in the dialog, refresh, notification), the provider's bulk method — react-admin demo's
// AcceptButton / BulkAcceptButton pair: one action written once, for one record or for many. The
// server answers item by item; failures are listed in the notification.
import { Alert, Box, Typography } from '@mui/material';
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
import { LOCALES, type Locale, type RefundRequest } from '../../domain/model';
import type { BulkItem, BulkResult, RefundDeskDataProvider } from '../../providers/dataProvider';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { useStaffDirectory } from '../../workflow/staff';
import { useWorkflowCommand } from '../../workflow/useWorkflowCommand';
import { bulkRejectionTemplate } from './bulkRejection';
import { CustomerMessageInput } from './DecisionFields';
import { RejectNoteInput, RejectionReasonInput, type RejectValues } from './RejectFields';
import { AssigneeInput } from './SupervisorDialogs';

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

type BulkMethod = 'bulkReassign' | 'bulkReject';
type BulkBody<M extends BulkMethod> = Omit<Parameters<RefundDeskDataProvider[M]>[0], 'items'>;

/**
 * A bulk command through the pipeline of a single one (useWorkflowCommand), shaped as the single
 * dialogs' useDialogSubmit: `submit(body)` loads the selection's versions, runs the provider's bulk
 * method and reports the per-item outcome; `frame` is what ActionFormDialog needs.
 */
function useBulkSubmit<M extends BulkMethod>(method: M, doneKey: string, onClose: () => void) {
  const { onUnselectItems } = useListContext<RefundRequest>();
  const { load } = useSelection();
  const report = useReportBulk();
  const command = useWorkflowCommand('refunds', async (dp, body: BulkBody<M>) => {
    const records = await load();
    const call = dp[method] as (
      payload: { items: BulkItem[] } & BulkBody<M>,
    ) => Promise<{ data: BulkResult }>;
    const { data } = await call({ items: items(records), ...body });
    return { data: { records, result: data } };
  });
  const submit = (body: BulkBody<M>) =>
    command.run(body, {
      onSuccess: ({ records, result }) => {
        report(result, records, doneKey);
        onUnselectItems();
        onClose();
      },
    });
  const frame = { resource: 'refunds' as const, onClose, isPending: command.isPending, error: command.error };
  return { submit, frame };
}

/** Reassigns the selection: the single ReassignDialog's input, the bulk method. */
export function BulkReassignDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const { users } = useStaffDirectory();
  const { selectedIds } = useSelection();
  const { submit, frame } = useBulkSubmit('bulkReassign', 'refunds.review.bulk.reassigned', onClose);
  const candidates = users.filter((u) => u.active && u.role !== 'manager');
  return (
    <ActionFormDialog<{ assigneeId: string }>
      {...frame}
      title={translate('refunds.review.bulk.reassign_title', { smart_count: selectedIds.length })}
      testId="bulk-reassign-dialog"
      onSubmit={({ assigneeId }) => submit({ assigneeId })}
      submitLabel={translate('refunds.review.reassign.submit')}
      maxWidth="xs"
    >
      <AssigneeInput candidates={candidates} />
    </ActionFormDialog>
  );
}

function majorityLocale(records: RefundRequest[]): Locale {
  if (records.length === 0) return 'zh-CN';
  const zh = records.filter((r) => r.customerLocale === 'zh-CN').length;
  return zh * 2 >= records.length ? 'zh-CN' : 'en';
}

interface BulkRejectValues extends RejectValues {
  locale: Locale;
}

/** Rejects the selection: the single RejectDialog's inputs, one message in the language chosen. */
export function BulkRejectDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const { selectedIds, known } = useSelection();
  const { submit, frame } = useBulkSubmit('bulkReject', 'refunds.review.bulk.rejected', onClose);
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
      {...frame}
      title={translate('refunds.review.bulk.reject_title', { smart_count: selectedIds.length })}
      testId="bulk-reject-dialog"
      defaultValues={defaults}
      onSubmit={({ reasonCode, customerMessage, note }) => {
        if (reasonCode === '') return;
        return submit({
          reasonCode,
          customerMessage: customerMessage.trim(),
          ...(note?.trim() ? { note: note.trim() } : {}),
        });
      }}
      submitLabel={translate('refunds.review.reject.submit')}
      submitColor="error"
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
