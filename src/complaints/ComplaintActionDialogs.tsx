// The complaint's actions as buttons that open dialogs (take is one click). A button shows only
// when the role may do it (authProvider.canAccess → the permission table) AND the complaint's state
// allows it for this user (availableComplaintActions, the same rules the server applies). Every
// command is pessimistic and sends the version the user saw, so a concurrent change is a 409; a
// note sends none, since it changes nothing anyone decided on (complaintAnnotations.ts).
import AssignIcon from '@mui/icons-material/AssignmentInd';
import CloseIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import ContactIcon from '@mui/icons-material/ContactPhone';
import EscalateIcon from '@mui/icons-material/MoveUp';
import NoteIcon from '@mui/icons-material/NoteAdd';
import ReopenIcon from '@mui/icons-material/Replay';
import ResolveIcon from '@mui/icons-material/Gavel';
import TakeIcon from '@mui/icons-material/PanTool';
import { Button, Stack, Typography } from '@mui/material';
import { useState, type ReactElement, type ReactNode } from 'react';
import {
  BooleanInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { isComplaintAnnotation } from '../domain/complaintAnnotations';
import {
  availableComplaintActions,
  complaintActionBodySchemas,
  type ComplaintAction,
} from '../domain/complaintWorkflow';
import type { Complaint, ComplaintOutcome, RefundRequest } from '../domain/model';
import { toIso } from '../domain/sla';
import { yuanToFen } from '../i18n/format';
import { useNow } from '../layout/clock';
import { ActionFormDialog } from '../workflow/ActionFormDialog';
import { useComplaintCommand, type CommandPayload, type ComplaintCommandMethod } from '../workflow/commands';
import { useWhoAmI, type StaffActor } from '../workflow/identity';
import { fieldValidator } from '../workflow/validators';
import { ComplaintSecondApprovalButton } from './ComplaintSecondApproval';
import { ResolveFields } from './ResolveFields';

/** The dialog actions, each with its data-provider method. */
const METHOD_OF = {
  assign: 'assignComplaint',
  note: 'addComplaintNote',
  contact: 'logComplaintContact',
  escalate: 'escalateComplaint',
  resolve: 'resolveComplaint',
  close: 'closeComplaint',
  reopen: 'reopenComplaint',
} as const satisfies Partial<Record<ComplaintAction, ComplaintCommandMethod>>;
type DialogAction = keyof typeof METHOD_OF;
type BodyOf<A extends DialogAction> = CommandPayload<(typeof METHOD_OF)[A]>;

/** A validator of one field of an action's body, from the domain's schema (limits, required). */
const validates = <A extends DialogAction>(action: A, field: string) =>
  fieldValidator(complaintActionBodySchemas[action], field as never);

/** Shows its children only when the role may do `action` on complaints. */
function Allowed({ action, children }: { action: ComplaintAction; children: ReactNode }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'complaints', action });
  if (isPending || !canAccess) return null;
  return <>{children}</>;
}

interface ActionDialogProps<A extends DialogAction> {
  complaint: Complaint;
  action: A;
  icon: ReactElement;
  /** form values → the body without the version */
  toBody: (values: Record<string, unknown>) => Omit<BodyOf<A>, 'version'>;
  defaultValues?: Record<string, unknown>;
  help?: ReactNode;
  children: ReactNode;
  color?: 'primary' | 'secondary' | 'warning' | 'error' | 'success';
}

function ActionDialog<A extends DialogAction>({
  complaint,
  action,
  icon,
  toBody,
  defaultValues,
  help,
  children,
  color = 'primary',
}: ActionDialogProps<A>) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const command = useComplaintCommand(METHOD_OF[action]);
  const submit = (values: Record<string, unknown>) =>
    command.run(
      {
        id: complaint.id,
        payload: {
          ...toBody(values),
          ...(isComplaintAnnotation(action) ? {} : { version: complaint.version }),
        } as BodyOf<A>,
      },
      { done: `complaints.actions.done.${action}`, onSuccess: () => setOpen(false) },
    );
  return (
    <>
      <Button
        variant="outlined"
        color={color}
        size="small"
        startIcon={icon}
        onClick={() => {
          command.clearError();
          setOpen(true);
        }}
        data-testid={`complaint-action-${action}`}
      >
        {translate(`complaints.actions.${action}`)}
      </Button>
      {open && (
        <ActionFormDialog
          resource="complaints"
          title={translate(`complaints.actions.titles.${action}`)}
          testId={`complaint-dialog-${action}`}
          onClose={() => setOpen(false)}
          onSubmit={submit}
          defaultValues={defaultValues}
          submitLabel={translate(`complaints.actions.${action}`)}
          submitColor={color}
          submitTestId={`complaint-dialog-${action}-submit`}
          cancelLabel="complaints.actions.cancel"
          isPending={command.isPending}
          error={command.error}
          dividers={false}
        >
          {help && (
            <Typography variant="body2" color="text.secondary">
              {help}
            </Typography>
          )}
          {children}
        </ActionFormDialog>
      )}
    </>
  );
}

function TakeButton({ complaint, actor }: { complaint: Complaint; actor: StaffActor }) {
  const translate = useTranslate();
  const command = useComplaintCommand('assignComplaint');
  return (
    <Button
      variant="contained"
      size="small"
      startIcon={<TakeIcon />}
      title={translate('complaints.actions.help.take')}
      disabled={command.isPending}
      onClick={() =>
        command.run(
          { id: complaint.id, payload: { version: complaint.version, assigneeId: actor.id } },
          { done: 'complaints.actions.done.take' },
        )
      }
      data-testid="complaint-action-take"
    >
      {translate('complaints.actions.take')}
    </Button>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The action bar of a complaint. `refund` is the request the complaint is about (for the
 * outcomes that are possible and the amount limits).
 */
export function ComplaintActions({ complaint, refund }: { complaint: Complaint; refund?: RefundRequest }) {
  const translate = useTranslate();
  const { actor } = useWhoAmI();
  const nowIso = toIso(useNow(60_000));
  if (!actor) return null;
  const available = new Set(availableComplaintActions(complaint, actor, { nowIso }));
  const canTake = available.has('assign') && complaint.assigneeId !== actor.id && actor.role === 'supervisor';
  const none = available.size === 0;
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      data-testid="complaint-actions"
    >
      {canTake && (
        <Allowed action="assign">
          <TakeButton complaint={complaint} actor={actor} />
        </Allowed>
      )}
      {available.has('resolve') && (
        <Allowed action="resolve">
          <ActionDialog
            complaint={complaint}
            action="resolve"
            icon={<ResolveIcon />}
            color="success"
            toBody={(v) => {
              const outcome = v.outcome as ComplaintOutcome;
              return {
                outcome,
                customerMessage: str(v.customerMessage),
                ...(outcome === 'partially_overturned'
                  ? { amountFen: yuanToFen(v.amountYuan as number | string | null) ?? 0 }
                  : {}),
                ...(outcome === 'goodwill' ? { goodwillCoins: Number(v.goodwillCoins) } : {}),
              };
            }}
          >
            <ResolveFields refund={refund} complaint={complaint} actorId={actor.id} />
          </ActionDialog>
        </Allowed>
      )}
      {available.has('second_approval') && (
        <Allowed action="second_approval">
          <ComplaintSecondApprovalButton complaint={complaint} />
        </Allowed>
      )}
      {available.has('escalate') && (
        <Allowed action="escalate">
          <ActionDialog
            complaint={complaint}
            action="escalate"
            icon={<EscalateIcon />}
            color="secondary"
            help={translate('complaints.actions.help.escalate')}
            toBody={(v) => ({ reason: str(v.reason) })}
          >
            <TextInput
              source="reason"
              label="complaints.actions.fields.reason"
              multiline
              minRows={2}
              validate={validates('escalate', 'reason')}
            />
          </ActionDialog>
        </Allowed>
      )}
      {available.has('note') && (
        <Allowed action="note">
          <ActionDialog
            complaint={complaint}
            action="note"
            icon={<NoteIcon />}
            toBody={(v) => ({ text: str(v.text) })}
          >
            <TextInput
              source="text"
              label="complaints.actions.fields.note"
              multiline
              minRows={3}
              validate={validates('note', 'text')}
            />
          </ActionDialog>
        </Allowed>
      )}
      {available.has('contact') && (
        <Allowed action="contact">
          <ActionDialog
            complaint={complaint}
            action="contact"
            icon={<ContactIcon />}
            defaultValues={{ awaitingReply: false }}
            toBody={(v) => ({ text: str(v.text), awaitingReply: v.awaitingReply === true })}
          >
            <TextInput
              source="text"
              label="complaints.actions.fields.contact"
              multiline
              minRows={3}
              validate={validates('contact', 'text')}
            />
            <BooleanInput source="awaitingReply" label="complaints.actions.fields.awaiting_reply" />
          </ActionDialog>
        </Allowed>
      )}
      {available.has('assign') && (
        <Allowed action="assign">
          <ActionDialog
            complaint={complaint}
            action="assign"
            icon={<AssignIcon />}
            toBody={(v) => ({ assigneeId: str(v.assigneeId) })}
          >
            <ReferenceInput
              source="assigneeId"
              reference="users"
              filter={{ role: 'supervisor', active: true }}
              sort={{ field: 'fullName', order: 'ASC' }}
            >
              <SelectInput
                optionText="fullName"
                label="complaints.actions.fields.assignee"
                validate={validates('assign', 'assigneeId')}
              />
            </ReferenceInput>
          </ActionDialog>
        </Allowed>
      )}
      {available.has('close') && (
        <Allowed action="close">
          <ActionDialog
            complaint={complaint}
            action="close"
            icon={<CloseIcon />}
            toBody={(v) => (str(v.note) ? { note: str(v.note) } : {})}
          >
            <TextInput
              source="note"
              label="complaints.actions.fields.optional_note"
              multiline
              validate={validates('close', 'note')}
            />
          </ActionDialog>
        </Allowed>
      )}
      {available.has('reopen') && (
        <Allowed action="reopen">
          <ActionDialog
            complaint={complaint}
            action="reopen"
            icon={<ReopenIcon />}
            color="warning"
            help={translate('complaints.actions.help.reopen')}
            toBody={(v) => (str(v.note) ? { note: str(v.note) } : {})}
          >
            <TextInput
              source="note"
              label="complaints.actions.fields.optional_note"
              multiline
              validate={validates('reopen', 'note')}
            />
          </ActionDialog>
        </Allowed>
      )}
      {none && (
        <Typography variant="body2" color="text.secondary" data-testid="complaint-no-actions">
          {translate('complaints.show.no_actions')}
        </Typography>
      )}
    </Stack>
  );
}
