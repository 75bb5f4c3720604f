// The customer's forms: apply for a refund of a purchase, send the missing information, resubmit a
// rejected request, complain. Each sends once and shows the refusal the desk answered, if any.
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormLabel,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import type { InfoItem } from '../domain/model';
import { WALLET_COMPLAINT_CATEGORIES, WALLET_INFO_ITEMS, WALLET_REASONS } from './messages';
import type { WalletTranslate } from './translate';
import { WalletCallError } from './walletApi';

export type DialogSubmit = (body: Record<string, unknown>) => Promise<void>;

function ItemChoice(props: {
  t: WalletTranslate;
  label: string;
  value: InfoItem[];
  onChange: (items: InfoItem[]) => void;
  offered?: readonly InfoItem[];
}) {
  const offered = props.offered ?? WALLET_INFO_ITEMS;
  return (
    <FormGroup>
      <FormLabel>{props.label}</FormLabel>
      {offered.map((item) => (
        <FormControlLabel
          key={item}
          label={props.t(`item.${item}`)}
          control={
            <Checkbox
              checked={props.value.includes(item)}
              onChange={(e) =>
                props.onChange(
                  e.target.checked ? [...props.value, item] : props.value.filter((i) => i !== item),
                )
              }
            />
          }
        />
      ))}
    </FormGroup>
  );
}

/** One choice out of a fixed list, each named by its catalogue key `<prefix>.<value>`. */
function ChoiceSelect(props: {
  t: WalletTranslate;
  label: string;
  value: string;
  choices: readonly string[];
  prefix: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.choices.map((choice) => (
        <MenuItem key={choice} value={choice}>
          {props.t(`${props.prefix}.${choice}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** What to show of a failed call: the desk's (or the backend's) words and each field's, in the page's language. */
export function refusalText(t: WalletTranslate, e: unknown): string {
  if (!(e instanceof WalletCallError)) return t('errors.unreachable');
  return [e.message || t('errors.failed', { status: e.status }), ...Object.values(e.fieldErrors)].join(' ');
}

function FormDialog(props: {
  t: WalletTranslate;
  title: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
      props.onClose();
    } catch (e) {
      setError(refusalText(props.t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {props.children}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{props.t('apply.cancel')}</Button>
        <Button variant="contained" disabled={busy} onClick={() => void submit()}>
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ApplyDialog(props: {
  t: WalletTranslate;
  orderNumber: string;
  onClose: () => void;
  onSubmit: DialogSubmit;
}) {
  const { t } = props;
  const [reasonCategory, setReason] = useState<string>(WALLET_REASONS[0]);
  const [description, setDescription] = useState('');
  const [providedItems, setItems] = useState<InfoItem[]>(['order_number', 'purchase_time', 'reason_detail']);
  return (
    <FormDialog
      t={t}
      title={t('apply.title', { orderNumber: props.orderNumber })}
      submitLabel={t('apply.submit')}
      onClose={props.onClose}
      onSubmit={() =>
        props.onSubmit({
          orderNumber: props.orderNumber,
          reasonCategory,
          description,
          providedItems,
          includePurchasedAt: providedItems.includes('purchase_time'),
        })
      }
    >
      <ChoiceSelect
        t={t}
        label={t('apply.reason')}
        value={reasonCategory}
        choices={WALLET_REASONS}
        prefix="reason"
        onChange={setReason}
      />
      <TextField
        label={t('apply.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        multiline
        minRows={3}
      />
      <ItemChoice t={t} label={t('apply.provided')} value={providedItems} onChange={setItems} />
    </FormDialog>
  );
}

export function ReplyDialog(props: {
  t: WalletTranslate;
  missing: InfoItem[];
  onClose: () => void;
  onSubmit: DialogSubmit;
}) {
  const { t } = props;
  const [suppliedItems, setItems] = useState<InfoItem[]>(props.missing);
  const [message, setMessage] = useState('');
  return (
    <FormDialog
      t={t}
      title={t('reply.title')}
      submitLabel={t('reply.submit')}
      onClose={props.onClose}
      onSubmit={() => props.onSubmit({ suppliedItems, message })}
    >
      <ItemChoice
        t={t}
        label={t('reply.supplied')}
        value={suppliedItems}
        onChange={setItems}
        offered={props.missing}
      />
      <TextField
        label={t('reply.message')}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        multiline
        minRows={2}
      />
    </FormDialog>
  );
}

export function ResubmitDialog(props: {
  t: WalletTranslate;
  provided: InfoItem[];
  onClose: () => void;
  onSubmit: DialogSubmit;
}) {
  const { t } = props;
  const [description, setDescription] = useState('');
  const [providedItems, setItems] = useState<InfoItem[]>(props.provided);
  return (
    <FormDialog
      t={t}
      title={t('resubmit.title')}
      submitLabel={t('resubmit.submit')}
      onClose={props.onClose}
      onSubmit={() => props.onSubmit({ description, providedItems })}
    >
      <TextField
        label={t('resubmit.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        multiline
        minRows={3}
      />
      <ItemChoice t={t} label={t('apply.provided')} value={providedItems} onChange={setItems} />
    </FormDialog>
  );
}

export function ComplainDialog(props: {
  t: WalletTranslate;
  refundId: string;
  onClose: () => void;
  onSubmit: DialogSubmit;
}) {
  const { t } = props;
  const [category, setCategory] = useState<string>(WALLET_COMPLAINT_CATEGORIES[0]);
  const [description, setDescription] = useState('');
  return (
    <FormDialog
      t={t}
      title={t('complain.title', { id: props.refundId })}
      submitLabel={t('complain.submit')}
      onClose={props.onClose}
      onSubmit={() => props.onSubmit({ category, description })}
    >
      <ChoiceSelect
        t={t}
        label={t('complain.category')}
        value={category}
        choices={WALLET_COMPLAINT_CATEGORIES}
        prefix="complaintCategory"
        onChange={setCategory}
      />
      <TextField
        label={t('complain.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        multiline
        minRows={3}
      />
    </FormDialog>
  );
}
