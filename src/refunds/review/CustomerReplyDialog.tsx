// Developer tool: plays the customer's reply to an information request (which items they supplied
// and what they wrote), so the rest of the workflow can be tried without a customer app. Shown only
// in development builds or with localStorage.showDevTools = '1'.
import { Alert } from '@mui/material';
import { useState } from 'react';
import { CheckboxGroupInput, TextInput, useTranslate } from 'react-admin';
import { INFO_ITEMS, type InfoItem } from '../../domain/model';
import { missingInfoItems } from '../../domain/refundPolicy';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { fieldValidator } from '../../workflow/validators';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';

interface CustomerReplyValues extends Record<string, unknown> {
  suppliedItems: InfoItem[];
  message?: string;
}

export function CustomerReplyDialog(props: WorkflowDialogProps) {
  const { record } = props;
  const translate = useTranslate();
  const { submit, frame } = useDialogSubmit('simulateCustomerReply', props);
  const [defaults] = useState<CustomerReplyValues>(() => ({
    suppliedItems: record.decision?.missingItems ?? missingInfoItems(record.providedItems),
    message: '',
  }));
  return (
    <ActionFormDialog<CustomerReplyValues>
      {...frame}
      title={translate('refunds.review.customer_reply.title', { orderNumber: record.orderNumber })}
      testId="customer-reply-dialog"
      defaultValues={defaults}
      onSubmit={({ suppliedItems, message }) =>
        submit(
          {
            suppliedItems: INFO_ITEMS.filter((i) => (suppliedItems ?? []).includes(i)),
            message: (message ?? '').trim(),
          },
          (updated) => ({
            key: 'refunds.review.done.customer_reply',
            args: { orderNumber: updated.orderNumber },
          }),
        )
      }
      submitLabel={translate('refunds.review.customer_reply.submit')}
    >
      <Alert severity="info">{translate('refunds.review.customer_reply.dev_notice')}</Alert>
      <CheckboxGroupInput
        source="suppliedItems"
        label={translate('refunds.review.customer_reply.items')}
        choices={INFO_ITEMS.map((item) => ({ id: item, name: translate(`refunds.infoItem.${item}`) }))}
        translateChoice={false}
        row={false}
      />
      <TextInput
        source="message"
        label={translate('refunds.review.customer_reply.message')}
        multiline
        minRows={2}
        validate={fieldValidator(refundActionBodySchemas.customer_reply, 'message')}
      />
    </ActionFormDialog>
  );
}
