// Request information: the missing items as checkboxes (default: what the policy found missing)
// and the information-request template in the customer's language, following the items until
// the reviewer edits it. One react-admin <Form>; the items' rule (at least one, known items) is
// the request-info body schema's own.
import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { useState } from 'react';
import { FormDataConsumer, ValidationError, useInput, useTranslate } from 'react-admin';
import { infoRequestTemplate } from '../../domain/messageTemplates';
import { INFO_ITEMS, type InfoItem, type RefundRequest } from '../../domain/model';
import { followsSuggestion } from '../../domain/refundPolicy';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { fieldValidator } from '../../workflow/validators';
import { AgainstReasonInput, CustomerMessageInput } from './DecisionFields';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';

interface RequestInfoValues extends Record<string, unknown> {
  missingItems: InfoItem[];
  customerMessage: string;
  againstSuggestionReason?: string;
}

const itemsValidator = fieldValidator(refundActionBodySchemas.request_info, 'missingItems', {
  required: 'refunds.review.request_info.items_required',
});

/** The items in the catalogue's order (the template lists them so). */
const inOrder = (items: readonly InfoItem[] | undefined) =>
  INFO_ITEMS.filter((i) => (items ?? []).includes(i));

function MissingItemsInput({ record }: { record: RefundRequest }) {
  const translate = useTranslate();
  const { field, fieldState, formState } = useInput<InfoItem[]>({
    source: 'missingItems',
    validate: itemsValidator,
  });
  const items: InfoItem[] = Array.isArray(field.value) ? field.value : [];
  const toggle = (item: InfoItem) =>
    field.onChange(items.includes(item) ? items.filter((i) => i !== item) : [...items, item]);
  const shown = fieldState.invalid && (fieldState.isTouched || formState.isSubmitted);
  return (
    <FormControl required error={shown} component="fieldset" variant="standard">
      <FormLabel component="legend">{translate('refunds.review.request_info.items')}</FormLabel>
      <FormGroup>
        {INFO_ITEMS.map((item) => (
          <FormControlLabel
            key={item}
            control={
              <Checkbox
                checked={items.includes(item)}
                onChange={() => toggle(item)}
                onBlur={field.onBlur}
                slotProps={{ input: { 'data-testid': `info-item-${item}` } as object }}
              />
            }
            label={
              translate(`refunds.infoItem.${item}`) +
              (record.providedItems.includes(item)
                ? ` (${translate('refunds.review.request_info.provided')})`
                : '')
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>
        {shown && fieldState.error?.message ? (
          <ValidationError error={fieldState.error.message} />
        ) : (
          translate('refunds.review.request_info.items_help')
        )}
      </FormHelperText>
    </FormControl>
  );
}

/** The information-request template for the items chosen, in the customer's language. */
function infoRequestMessage(record: RefundRequest, chosen: readonly InfoItem[] | undefined): string {
  const items = inOrder(chosen);
  return items.length > 0
    ? infoRequestTemplate(items, record.customerLocale, { orderNumber: record.orderNumber })
    : '';
}

function InfoRequestMessage({ record }: { record: RefundRequest }) {
  return (
    <FormDataConsumer<RequestInfoValues>>
      {({ formData }) => (
        <CustomerMessageInput
          template={infoRequestMessage(record, formData.missingItems)}
          customerLocale={record.customerLocale}
        />
      )}
    </FormDataConsumer>
  );
}

export function RequestInfoDialog(props: WorkflowDialogProps) {
  const { record, policy } = props;
  const translate = useTranslate();
  const { submit, frame } = useDialogSubmit('requestRefundInfo', props);
  const against = !followsSuggestion(policy.suggestion, 'request_info');
  const [defaults] = useState<Partial<RequestInfoValues>>(() => ({
    missingItems: [...policy.suggestedMissingItems],
    customerMessage: infoRequestMessage(record, policy.suggestedMissingItems),
  }));

  const onSubmit = ({ missingItems, customerMessage, againstSuggestionReason }: RequestInfoValues) =>
    submit(
      {
        version: record.version,
        missingItems: inOrder(missingItems),
        customerMessage: customerMessage.trim(),
        ...(against ? { againstSuggestionReason: (againstSuggestionReason ?? '').trim() } : {}),
      },
      (updated) => ({ key: 'refunds.review.done.request_info', args: { orderNumber: updated.orderNumber } }),
    );

  return (
    <ActionFormDialog<RequestInfoValues>
      {...frame}
      title={translate('refunds.review.request_info.title', { orderNumber: record.orderNumber })}
      testId="request-info-dialog"
      defaultValues={defaults}
      onSubmit={onSubmit}
      submitLabel={translate('refunds.review.request_info.submit')}
      submitColor="warning"
      focusSubmit={!against && policy.suggestedMissingItems.length > 0}
    >
      <MissingItemsInput record={record} />
      {against && <AgainstReasonInput suggestion={policy.suggestion} autoFocus />}
      <InfoRequestMessage record={record} />
    </ActionFormDialog>
  );
}
