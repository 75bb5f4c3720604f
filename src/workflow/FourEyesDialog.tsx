// The four-eyes dialog of refunds and complaints alike: what waits for a second approval (the
// caller's summary), an optional note (required when sending back), and two submit buttons of
// one form — confirm, or send back to the one who proposed it.
import { useRef, type ReactNode } from 'react';
import { TextInput, type Validator } from 'react-admin';
import type { z } from 'zod';
import { ActionFormDialog, SubmitButton } from './ActionFormDialog';
import type { WorkflowError } from './errors';
import type { CommandOutcome, WorkflowResource } from './useWorkflowCommand';
import { fieldValidator } from './validators';

export type FourEyesDecision = 'confirm' | 'send_back';

export interface FourEyesDialogProps {
  resource: WorkflowResource;
  title: string;
  testId: string;
  /** the body schema whose `note` the form checks (its limits) */
  schema: z.ZodObject<{ note: z.ZodType } & z.ZodRawShape>;
  onDecide: (decision: FourEyesDecision, note: string | undefined) => CommandOutcome | void;
  onClose: () => void;
  labels: { confirm: string; sendBack: string; cancel?: string; note: string; noteHelp?: string };
  /** message key shown when sending back without a note */
  noteRequiredKey: string;
  testIds: { confirm: string; sendBack: string; note: string };
  isPending: boolean;
  error: WorkflowError | null;
  stillAllowed?: boolean;
  notAllowed?: ReactNode;
  dividers?: boolean;
  children: ReactNode;
}

export function FourEyesDialog({
  schema,
  onDecide,
  labels,
  noteRequiredKey,
  testIds,
  isPending,
  stillAllowed = true,
  children,
  ...props
}: FourEyesDialogProps) {
  // which of the two submit buttons was pressed (read by the note's validator and the submit)
  const pressed = useRef<FourEyesDecision>('confirm');
  const noteValidators: Validator[] = [
    fieldValidator(schema, 'note'),
    (value: unknown) =>
      pressed.current === 'send_back' && (typeof value !== 'string' || value.trim() === '')
        ? noteRequiredKey
        : undefined,
  ];
  return (
    <ActionFormDialog<{ note?: string }>
      {...props}
      onSubmit={({ note }) => onDecide(pressed.current, note?.trim() ? note.trim() : undefined)}
      submitLabel={labels.confirm}
      submitColor="success"
      submitTestId={testIds.confirm}
      onSubmitPress={() => (pressed.current = 'confirm')}
      focusSubmit
      cancelLabel={labels.cancel}
      isPending={isPending}
      stillAllowed={stillAllowed}
      extraActions={
        <SubmitButton
          color="warning"
          variant="outlined"
          disabled={isPending || !stillAllowed}
          onPress={() => (pressed.current = 'send_back')}
          testId={testIds.sendBack}
        >
          {labels.sendBack}
        </SubmitButton>
      }
    >
      {children}
      <TextInput
        source="note"
        label={labels.note}
        helperText={labels.noteHelp}
        multiline
        minRows={2}
        validate={noteValidators}
        slotProps={{ htmlInput: { 'data-testid': testIds.note } }}
      />
    </ActionFormDialog>
  );
}
