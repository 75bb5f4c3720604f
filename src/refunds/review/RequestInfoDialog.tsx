// Request information: the missing items as checkboxes (default: what the policy found missing)
// and the information-request template in the customer's language, following the items until
// the reviewer edits it.
import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { infoRequestTemplate } from '../../domain/messageTemplates';
import { INFO_ITEMS, type InfoItem } from '../../domain/model';
import { followsSuggestion } from '../../domain/refundPolicy';
import { hasVisibleContent } from '../../domain/visibleText';
import {
  AGAINST_REASON_MAX,
  AgainstSuggestionField,
  CustomerMessageField,
  DialogFrame,
  MESSAGE_MAX,
  useTemplatedText,
} from './DialogFrame';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';

export function RequestInfoDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const [items, setItems] = useState<InfoItem[]>(() => [...policy.suggestedMissingItems]);
  const [againstReason, setAgainstReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const { submit, isPending, error } = useDialogSubmit('requestRefundInfo', record, onDone);
  const against = !followsSuggestion(policy.suggestion, 'request_info');
  const ordered = INFO_ITEMS.filter((item) => items.includes(item));
  const message = useTemplatedText(
    ordered.length > 0
      ? infoRequestTemplate(ordered, record.customerLocale, { orderNumber: record.orderNumber })
      : '',
  );

  const toggle = (item: InfoItem) =>
    setItems((current) => (current.includes(item) ? current.filter((i) => i !== item) : [...current, item]));

  const invalid =
    ordered.length === 0 ||
    !hasVisibleContent(message.value) ||
    message.value.trim().length > MESSAGE_MAX ||
    (against && (againstReason.trim() === '' || againstReason.trim().length > AGAINST_REASON_MAX));

  const onSubmit = () => {
    if (invalid) {
      setShowErrors(true);
      return;
    }
    submit(
      {
        version: record.version,
        missingItems: ordered,
        customerMessage: message.value.trim(),
        ...(against ? { againstSuggestionReason: againstReason.trim() } : {}),
      },
      (updated) => ({ key: 'refunds.review.done.request_info', args: { orderNumber: updated.orderNumber } }),
    );
  };

  const itemsError = (showErrors && ordered.length === 0) || Boolean(error?.errors.missingItems);
  return (
    <DialogFrame
      title={translate('refunds.review.request_info.title', { orderNumber: record.orderNumber })}
      testId="request-info-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={translate('refunds.review.request_info.submit')}
      submitColor="warning"
      focusSubmit={!against && ordered.length > 0}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
    >
      <FormControl required error={itemsError} component="fieldset" variant="standard">
        <FormLabel component="legend">{translate('refunds.review.request_info.items')}</FormLabel>
        <FormGroup>
          {INFO_ITEMS.map((item) => (
            <FormControlLabel
              key={item}
              control={
                <Checkbox
                  checked={items.includes(item)}
                  onChange={() => toggle(item)}
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
          {itemsError
            ? (error?.errors.missingItems ?? translate('refunds.review.request_info.items_required'))
            : translate('refunds.review.request_info.items_help')}
        </FormHelperText>
      </FormControl>
      {against && (
        <AgainstSuggestionField
          suggestion={policy.suggestion}
          value={againstReason}
          onChange={setAgainstReason}
          showError={showErrors}
          serverError={error?.errors.againstSuggestionReason}
          autoFocus
        />
      )}
      <CustomerMessageField
        value={message.value}
        onChange={message.onChange}
        edited={message.edited}
        onReset={message.reset}
        customerLocale={record.customerLocale}
        showError={showErrors && ordered.length > 0}
        serverError={error?.errors.customerMessage}
      />
    </DialogFrame>
  );
}
