// The complaint's actions as buttons that open dialogs (take is one click). A button shows only
// when the role may do it (authProvider.canAccess → the permission table) AND the complaint's state
// allows it for this user (availableComplaintActions, the same rules the server applies). Which
// actions show, in which order, with which icon, colour and form: COMPLAINT_ACTION_UI, one entry
// per action of the domain's workflow (a new action does not compile until it has its entry).
// Every command is pessimistic and sends the version the user saw, so a concurrent change is a
// 409; a note sends none, since it changes nothing anyone decided on (complaintAnnotations.ts).
import AssignIcon from '@mui/icons-material/AssignmentInd';
import CloseIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import ContactIcon from '@mui/icons-material/ContactPhone';
import EscalateIcon from '@mui/icons-material/MoveUp';
import NoteIcon from '@mui/icons-material/NoteAdd';
import ReopenIcon from '@mui/icons-material/Replay';
import ResolveIcon from '@mui/icons-material/Gavel';
import TakeIcon from '@mui/icons-material/PanTool';
import { Button, Stack, Typography } from '@mui/material';
import { Fragment, useState, type ReactElement, type ReactNode } from 'react';
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
import { COMPLAINT_METHODS } from '../providers/workflowMethods';
import { useComplaintCommand, type CommandPayload } from '../workflow/commands';
import { useWhoAmI, type StaffActor } from '../workflow/identity';
import { fieldValidator } from '../workflow/validators';
import { ComplaintSecondApprovalButton } from './ComplaintSecondApproval';
import { ResolveFields } from './ResolveFields';

type UiTable = typeof COMPLAINT_ACTION_UI;
/** The actions whose button opens a dialog with a form (FORMS). */
type DialogAction = {
  [A in keyof UiTable]: UiTable[A] extends { opens: 'dialog' } ? A : never;
}[keyof UiTable];
/** Each dialog action's data-provider method (workflowMethods.ts). */
type BodyOf<A extends DialogAction> = CommandPayload<(typeof COMPLAINT_METHODS)[A]>;
type Values = Record<string, unknown>;

/** A validator of one field of an action's body, from the domain's schema (limits, required). */
const validates = <A extends DialogAction>(action: A, field: string) =>
  fieldValidator(complaintActionBodySchemas[action], field as never);

/** Shows its children only when the role may do `action` on complaints. */
function Allowed({ action, children }: { action: ComplaintAction; children: ReactNode }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'complaints', action });
  if (isPending || !canAccess) return null;
  return <>{children}</>;
}

type Color = 'primary' | 'secondary' | 'warning' | 'error' | 'success';

/** What the form of a dialog action is: its inputs, its first values, values → body. */
interface ActionForm<A extends DialogAction> {
  fields: (context: FormContext) => ReactNode;
  /** form values → the body without the version */
  toBody: (values: Values) => Omit<BodyOf<A>, 'version'>;
  defaultValues?: Values;
}

interface FormContext {
  complaint: Complaint;
  refund: RefundRequest | undefined;
  actor: StaffActor;
}

interface ActionDialogProps<A extends DialogAction> extends Omit<ActionForm<A>, 'fields'> {
  complaint: Complaint;
  action: A;
  icon?: ReactElement;
  help?: ReactNode;
  children: ReactNode;
  color?: Color;
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
  const command = useComplaintCommand(COMPLAINT_METHODS[action]);
  const submit = (values: Values) =>
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

/** One text of an action's body (`source`), with the body schema's validator for it. */
const textInput = (action: DialogAction, source: string, label: string, minRows?: number) => (
  <TextInput source={source} label={label} multiline minRows={minRows} validate={validates(action, source)} />
);
const optionalNote = (v: Values) => (str(v.note) ? { note: str(v.note) } : {});

/** The forms of the dialog actions: inputs with the body schema's validators, values → body. */
const FORMS: { [A in DialogAction]: ActionForm<A> } = {
  resolve: {
    fields: ({ complaint, refund, actor }) => (
      <ResolveFields refund={refund} complaint={complaint} actorId={actor.id} />
    ),
    toBody: (v) => {
      const outcome = v.outcome as ComplaintOutcome;
      return {
        outcome,
        customerMessage: str(v.customerMessage),
        ...(outcome === 'partially_overturned'
          ? { amountFen: yuanToFen(v.amountYuan as number | string | null) ?? 0 }
          : {}),
        ...(outcome === 'goodwill' ? { goodwillCoins: Number(v.goodwillCoins) } : {}),
      };
    },
  },
  escalate: {
    fields: () => textInput('escalate', 'reason', 'complaints.actions.fields.reason', 2),
    toBody: (v) => ({ reason: str(v.reason) }),
  },
  note: {
    fields: () => textInput('note', 'text', 'complaints.actions.fields.note', 3),
    toBody: (v) => ({ text: str(v.text) }),
  },
  contact: {
    fields: () => (
      <>
        {textInput('contact', 'text', 'complaints.actions.fields.contact', 3)}
        <BooleanInput source="awaitingReply" label="complaints.actions.fields.awaiting_reply" />
      </>
    ),
    defaultValues: { awaitingReply: false },
    toBody: (v) => ({ text: str(v.text), awaitingReply: v.awaitingReply === true }),
  },
  assign: {
    fields: () => (
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
    ),
    toBody: (v) => ({ assigneeId: str(v.assigneeId) }),
  },
  close: {
    fields: () => textInput('close', 'note', 'complaints.actions.fields.optional_note'),
    toBody: optionalNote,
  },
  reopen: {
    fields: () => textInput('reopen', 'note', 'complaints.actions.fields.optional_note'),
    toBody: optionalNote,
  },
};

interface ComplaintActionUi {
  /** a dialog with its form (FORMS), or the four-eyes dialog of a second approval */
  opens: 'dialog' | 'four_eyes';
  /** a dialog button's icon (the four-eyes button has its own) */
  icon?: ReactElement;
  color?: Color;
  /** a line of help above the form (complaints.actions.help.<action>) */
  help?: boolean;
}

/**
 * The complaint page's actions, in the order their buttons show; null: not a button (the
 * system's actions). Take (assign to oneself, one click) comes first when it applies.
 */
const COMPLAINT_ACTION_UI = {
  resolve: { opens: 'dialog', icon: <ResolveIcon />, color: 'success' },
  second_approval: { opens: 'four_eyes' },
  escalate: { opens: 'dialog', icon: <EscalateIcon />, color: 'secondary', help: true },
  note: { opens: 'dialog', icon: <NoteIcon /> },
  contact: { opens: 'dialog', icon: <ContactIcon /> },
  assign: { opens: 'dialog', icon: <AssignIcon /> },
  close: { opens: 'dialog', icon: <CloseIcon /> },
  reopen: { opens: 'dialog', icon: <ReopenIcon />, color: 'warning', help: true },
  auto_escalate: null,
  flag_overdue: null,
} as const satisfies Record<ComplaintAction, ComplaintActionUi | null>;

const isDialogAction = (action: ComplaintAction): action is DialogAction =>
  COMPLAINT_ACTION_UI[action]?.opens === 'dialog';

const BUTTONS = (Object.keys(COMPLAINT_ACTION_UI) as ComplaintAction[]).flatMap((action) => {
  const ui: ComplaintActionUi | null = COMPLAINT_ACTION_UI[action];
  return ui ? [{ action, ui }] : [];
});

/** The dialog of one action, its form from FORMS. */
function FormDialog<A extends DialogAction>({
  action,
  ui,
  context,
}: {
  action: A;
  ui: ComplaintActionUi;
  context: FormContext;
}) {
  const translate = useTranslate();
  const form: ActionForm<A> = FORMS[action];
  return (
    <ActionDialog
      complaint={context.complaint}
      action={action}
      icon={ui.icon}
      color={ui.color}
      help={ui.help ? translate(`complaints.actions.help.${action}`) : undefined}
      toBody={form.toBody}
      defaultValues={form.defaultValues}
    >
      {form.fields(context)}
    </ActionDialog>
  );
}

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
  const context: FormContext = { complaint, refund, actor };
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
      {BUTTONS.filter(({ action }) => available.has(action)).map(({ action, ui }) => (
        <Fragment key={action}>
          <Allowed action={action}>
            {isDialogAction(action) ? (
              <FormDialog action={action} ui={ui} context={context} />
            ) : (
              <ComplaintSecondApprovalButton complaint={complaint} />
            )}
          </Allowed>
        </Fragment>
      ))}
      {available.size === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="complaint-no-actions">
          {translate('complaints.show.no_actions')}
        </Typography>
      )}
    </Stack>
  );
}
