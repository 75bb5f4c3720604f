// "Revoke" on a platform client's row: asks first (react-admin's <Confirm>), then calls
// dataProvider.revokePlatformClient through useMutation; a revoked client's key stops working at once.
import BlockIcon from '@mui/icons-material/Block';
import { Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { PlatformClientRecord } from '../domain/platformClient';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';

export function RevokePlatformClientButton() {
  const record = useRecordContext<PlatformClientRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const { mutate, isPending } = useMutation<PlatformClientRecord, unknown, string>({
    mutationFn: async (id) => (await dataProvider.revokePlatformClient(id)).data,
    onSuccess: (client) => {
      notify('platformClients.revoked', { type: 'success', messageArgs: { name: client.name } });
      void queryClient.invalidateQueries({ queryKey: ['platform-clients'] });
    },
    onError: (error) => {
      notify('platformClients.revoke_failed', {
        type: 'error',
        messageArgs: { message: toWorkflowError(error).message },
      });
    },
    onSettled: () => setAsking(false),
  });
  if (!record || record.revokedAt !== null) return null;
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<BlockIcon />}
        onClick={(event) => {
          event.stopPropagation();
          setAsking(true);
        }}
        data-testid="revoke-platform-client"
      >
        {translate('platformClients.revoke')}
      </Button>
      <Confirm
        isOpen={asking}
        loading={isPending}
        title={translate('platformClients.revoke_title', { name: record.name })}
        content={translate('platformClients.revoke_body')}
        confirm="platformClients.revoke"
        onConfirm={() => mutate(record.id)}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
