// Developer tool: plays the customer's reply to an information request (which items they supplied
// and what they wrote), so the rest of the workflow can be tried without a customer app. Shown only
// in development builds or with localStorage.showDevTools = '1'.
import {
  Alert,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { INFO_ITEMS, type InfoItem } from '../../domain/model';
import { missingInfoItems } from '../../domain/refundPolicy';
import { DialogFrame } from './DialogFrame';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';

export function devToolsEnabled(): boolean {
  if (import.meta.env.DEV) return true;
  try {
    return globalThis.localStorage?.getItem('showDevTools') === '1';
  } catch {
    return false;
  }
}

export function CustomerReplyDialog({ record, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const [items, setItems] = useState<InfoItem[]>(
    () => record.decision?.missingItems ?? missingInfoItems(record.providedItems),
  );
  const [message, setMessage] = useState('');
  const { submit, isPending, error } = useDialogSubmit('simulateCustomerReply', record, onDone);
  const toggle = (item: InfoItem) =>
    setItems((current) => (current.includes(item) ? current.filter((i) => i !== item) : [...current, item]));

  return (
    <DialogFrame
      title={translate('refunds.review.customer_reply.title', { orderNumber: record.orderNumber })}
      testId="customer-reply-dialog"
      onClose={onClose}
      onSubmit={() =>
        submit(
          { suppliedItems: INFO_ITEMS.filter((i) => items.includes(i)), message: message.trim() },
          (updated) => ({
            key: 'refunds.review.done.customer_reply',
            args: { orderNumber: updated.orderNumber },
          }),
        )
      }
      submitLabel={translate('refunds.review.customer_reply.submit')}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
    >
      <Alert severity="info">{translate('refunds.review.customer_reply.dev_notice')}</Alert>
      <FormControl component="fieldset" variant="standard">
        <FormLabel component="legend">{translate('refunds.review.customer_reply.items')}</FormLabel>
        <FormGroup>
          {INFO_ITEMS.map((item) => (
            <FormControlLabel
              key={item}
              control={<Checkbox checked={items.includes(item)} onChange={() => toggle(item)} />}
              label={translate(`refunds.infoItem.${item}`)}
            />
          ))}
        </FormGroup>
      </FormControl>
      <TextField
        label={translate('refunds.review.customer_reply.message')}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        multiline
        minRows={2}
      />
    </DialogFrame>
  );
}
