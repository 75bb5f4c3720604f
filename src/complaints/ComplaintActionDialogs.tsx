// The complaint's actions as buttons that open dialogs (take is one click). A button shows only
// when the role may do it (authProvider.canAccess → the permission table) AND the complaint's state
// allows it for this user (availableComplaintActions, the same rules the server applies). Every
// command is pessimistic and sends the version the user saw, so a concurrent change is a 409.
import AssignIcon from '@mui/icons-material/AssignmentInd';
import CloseIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import ContactIcon from '@mui/icons-material/ContactPhone';
import EscalateIcon from '@mui/icons-material/MoveUp';
import NoteIcon from '@mui/icons-material/NoteAdd';
import ReopenIcon from '@mui/icons-material/Replay';
import ResolveIcon from '@mui/icons-material/Gavel';
import TakeIcon from '@mui/icons-material/PanTool';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState, type ReactElement, type ReactNode } from 'react';
import {
  BooleanInput,
  Form,
  FormDataConsumer,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  maxValue,
  minValue,
  number,
  required,
  useCanAccess,
  useGetIdentity,
  useTranslate,
  type Validator,
} from 'react-admin';
import {
  GOODWILL_COINS_CAP,
  availableComplaintActions,
  availableOutcomes,
  type ComplaintAction,
} from '../domain/complaintWorkflow';
import { ROLES, type Complaint, type ComplaintOutcome, type RefundRequest, type Role } from '../domain/model';
import { overturnFloorFen, type Actor } from '../domain/refundWorkflow';
import { toIso } from '../domain/sla';
import { useLocale } from '../i18n/fields';
import { formatFen, formatInteger, yuanToFen } from '../i18n/format';
import { useNow } from '../layout/clock';
import { complaintOutcomeChoices } from './choices';
import { runComplaintAction, useComplaintMutation, type ComplaintActionBodies } from './complaintActions';

const TEXT_MAX = 2000;
const requiredText = [required(), maxLength(TEXT_MAX)];

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** The signed-in user as a workflow actor. */
export function useStaffActor(): (Actor & { kind: 'staff' }) | null {
  const { identity } = useGetIdentity();
  const role: unknown = identity?.role;
  if (!identity || !isRole(role)) return null;
  return { kind: 'staff', id: String(identity.id), role };
}

/** Shows its children only when the role may do `action` on complaints. */
function Allowed({ action, children }: { action: ComplaintAction; children: ReactNode }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'complaints', action });
  if (isPending || !canAccess) return null;
  return <>{children}</>;
}

interface ActionDialogProps<A extends keyof ComplaintActionBodies> {
  complaint: Complaint;
  action: A;
  icon: ReactElement;
  /** form values → the body without the version */
  toBody: (values: Record<string, unknown>) => Omit<ComplaintActionBodies[A], 'version'>;
  defaultValues?: Record<string, unknown>;
  help?: ReactNode;
  children: ReactNode;
  color?: 'primary' | 'secondary' | 'warning' | 'error' | 'success';
}

function ActionDialog<A extends keyof ComplaintActionBodies>({
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
  const mutation = useComplaintMutation(
    (values: Record<string, unknown>) =>
      runComplaintAction(complaint.id, action, {
        ...toBody(values),
        version: complaint.version,
      } as ComplaintActionBodies[A]),
    `complaints.actions.done.${action}`,
  );
  const titleId = `complaint-dialog-${action}-title`;
  return (
    <>
      <Button
        variant="outlined"
        color={color}
        size="small"
        startIcon={icon}
        onClick={() => setOpen(true)}
        data-testid={`complaint-action-${action}`}
      >
        {translate(`complaints.actions.${action}`)}
      </Button>
      <Dialog
        open={open}
        onClose={() => !mutation.isPending && setOpen(false)}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
        data-testid={`complaint-dialog-${action}`}
      >
        <Form
          defaultValues={defaultValues}
          onSubmit={(values: Record<string, unknown>) =>
            mutation.mutate(values, {
              onSuccess: () => setOpen(false),
            })
          }
        >
          <DialogTitle id={titleId}>{translate(`complaints.actions.titles.${action}`)}</DialogTitle>
          <DialogContent>
            <Stack spacing={1}>
              {help && (
                <Typography variant="body2" color="text.secondary">
                  {help}
                </Typography>
              )}
              {children}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={mutation.isPending}>
              {translate('complaints.actions.cancel')}
            </Button>
            <Button type="submit" variant="contained" color={color} disabled={mutation.isPending}>
              {translate(`complaints.actions.${action}`)}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}

function TakeButton({ complaint, actor }: { complaint: Complaint; actor: Actor & { kind: 'staff' } }) {
  const translate = useTranslate();
  const mutation = useComplaintMutation(
    () => runComplaintAction(complaint.id, 'assign', { version: complaint.version, assigneeId: actor.id }),
    'complaints.actions.done.take',
  );
  return (
    <Button
      variant="contained"
      size="small"
      startIcon={<TakeIcon />}
      title={translate('complaints.actions.help.take')}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate(undefined)}
      data-testid="complaint-action-take"
    >
      {translate('complaints.actions.take')}
    </Button>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function ResolveFields({ refund }: { refund: RefundRequest | undefined }) {
  const translate = useTranslate();
  const locale = useLocale();
  const outcomes: readonly ComplaintOutcome[] = refund ? availableOutcomes(refund) : ['upheld', 'goodwill'];
  const floor = refund ? overturnFloorFen(refund) : 0;
  const refundable = refund?.refundableFen ?? 0;
  const amountValidators: Validator[] = [
    required(),
    number(),
    (value: unknown) => {
      const fen = yuanToFen(value as number | string | null);
      if (fen === null || Math.abs(fen - Number(value) * 100) > 1e-6)
        return 'complaints.actions.errors.amount';
      return undefined;
    },
    minValue((floor + 1) / 100),
    maxValue((refundable - 1) / 100),
  ];
  return (
    <>
      <RadioButtonGroupInput
        source="outcome"
        label="complaints.actions.fields.outcome"
        choices={complaintOutcomeChoices.filter((c) => outcomes.includes(c.id))}
        validate={required()}
        row={false}
      />
      {refund && !outcomes.includes('overturned') && (
        <Alert severity="info">{translate('complaints.actions.help.no_overturn')}</Alert>
      )}
      <FormDataConsumer>
        {({ formData }) => {
          const outcome = (formData as { outcome?: ComplaintOutcome }).outcome;
          if (outcome === 'overturned') {
            return (
              <Alert severity="warning" data-testid="overturn-warning">
                {translate('complaints.actions.help.overturned', { amount: formatFen(refundable, locale) })}
              </Alert>
            );
          }
          if (outcome === 'partially_overturned') {
            return (
              <NumberInput
                source="amountYuan"
                label="complaints.actions.fields.amount"
                step={0.01}
                validate={amountValidators}
                helperText={translate(
                  floor > 0 ? 'complaints.actions.help.amount' : 'complaints.actions.help.amount_rejected',
                  { refundable: formatFen(refundable, locale), approved: formatFen(floor, locale) },
                )}
              />
            );
          }
          if (outcome === 'goodwill') {
            return (
              <NumberInput
                source="goodwillCoins"
                label="complaints.actions.fields.goodwill_coins"
                step={1}
                validate={[required(), number(), minValue(1), maxValue(GOODWILL_COINS_CAP)]}
                helperText={translate('complaints.actions.help.goodwill', {
                  cap: formatInteger(GOODWILL_COINS_CAP, locale),
                })}
              />
            );
          }
          return null;
        }}
      </FormDataConsumer>
      <TextInput
        source="customerMessage"
        label="complaints.actions.fields.customer_message"
        multiline
        minRows={3}
        validate={requiredText}
      />
    </>
  );
}

/**
 * The action bar of a complaint. `refund` is the request the complaint is about (for the
 * outcomes that are possible and the amount limits).
 */
export function ComplaintActions({ complaint, refund }: { complaint: Complaint; refund?: RefundRequest }) {
  const translate = useTranslate();
  const actor = useStaffActor();
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
            <ResolveFields refund={refund} />
          </ActionDialog>
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
              validate={requiredText}
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
              validate={requiredText}
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
              validate={requiredText}
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
                validate={required()}
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
              validate={maxLength(TEXT_MAX)}
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
              validate={maxLength(TEXT_MAX)}
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
