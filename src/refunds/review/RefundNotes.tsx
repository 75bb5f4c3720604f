// The request's internal notes, oldest first, with who wrote each and when (in the viewer's time
// zone), and the "Add note" form. A note is its own record beside the request: adding one never
// touches the request or its version, so whoever holds the request can still decide on the version
// they loaded. Notes cannot be edited or removed, so the list has no such buttons.
import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, Chip, CircularProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Form,
  TextInput,
  maxLength,
  useDataProvider,
  useGetList,
  useNotify,
  useRecordContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { RefundNote, RefundRequest } from '../../domain/model';
import { canAccess } from '../../domain/permissions';
import { NOTE_MAX } from '../../domain/refundNotes';
import { useLocale } from '../../i18n/fields';
import { formatDateTime } from '../../i18n/format';
import type { RefundDeskDataProvider } from '../../providers/dataProvider';
import { toWorkflowError } from '../../workflow/errors';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { useStaffDirectory } from '../../workflow/staff';

const notBlank: Validator = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? undefined : 'refunds.notes.required';
const validateNote = [notBlank, maxLength(NOTE_MAX, 'refunds.notes.too_long')];

function NoteEntry({ note, nameOf }: { note: RefundNote; nameOf: (id: string | null) => string | null }) {
  const translate = useTranslate();
  const locale = useLocale();
  const author = nameOf(note.authorId) ?? translate('refunds.notes.unknown_author');
  return (
    <ListItem
      disableGutters
      data-testid="refund-note"
      sx={{ display: 'block', borderLeft: 2, borderColor: 'divider', pl: 2, pb: 1 }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Typography variant="body2" component="span" color="text.secondary" data-testid="note-byline">
          {author} · <time dateTime={note.at}>{formatDateTime(note.at, locale)}</time>
        </Typography>
        {note.legacy && <Chip size="small" variant="outlined" label={translate('refunds.notes.legacy')} />}
      </Stack>
      <Typography
        variant="body2"
        sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="note-text"
      >
        {note.text}
      </Typography>
    </ListItem>
  );
}

/** "Add note": opens a small form under the notes; it closes again once the note is added. */
function AddNote({ refundId }: { refundId: RefundRequest['id'] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  // the form mounts on demand, so the review screen's first render stays as light as before
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation<RefundNote, unknown, string>({
    mutationKey: ['notes', 'add', refundId],
    mutationFn: async (text) => (await dataProvider.addRefundNote(refundId, { text })).data,
    onSuccess: () => {
      notify('refunds.notes.added', { type: 'success' });
      setOpen(false);
      // the notes and the history change; the request does not (its cached version stays valid)
      void queryClient.invalidateQueries({ queryKey: ['notes'] });
      void queryClient.invalidateQueries({ queryKey: ['events'] });
    },
    onError: (error) => {
      notify('refunds.notes.failed', {
        type: 'error',
        messageArgs: { message: toWorkflowError(error).message },
      });
    },
  });
  if (!open) {
    return (
      <Button
        size="small"
        variant="outlined"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
        data-testid="add-note-open"
      >
        {translate('refunds.notes.add')}
      </Button>
    );
  }
  return (
    <Form
      defaultValues={{ text: '' }}
      onSubmit={(values: { text?: unknown }) => mutate(String(values.text ?? '').trim())}
    >
      <TextInput
        source="text"
        label="refunds.notes.text"
        helperText="refunds.notes.help"
        multiline
        minRows={2}
        fullWidth
        autoFocus
        validate={validateNote}
        disabled={isPending}
      />
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" size="small" disabled={isPending} data-testid="add-note">
          {translate('refunds.notes.add')}
        </Button>
        <Button size="small" onClick={() => setOpen(false)} disabled={isPending}>
          {translate('refunds.notes.cancel')}
        </Button>
      </Stack>
    </Form>
  );
}

/** The notes of the request in context, oldest first, and the form to add one. */
export function RefundNotes() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const { actor } = useActor();
  const { nameOf } = useStaffDirectory();
  const { data, isPending, error } = useGetList<RefundNote>(
    'notes',
    {
      filter: { refundId: record?.id },
      sort: { field: 'at', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled: Boolean(record?.id) },
  );
  if (!record) return null;
  return (
    <Stack spacing={2} data-testid="refund-notes">
      {error ? (
        <Alert severity="error">{translate('refunds.notes.unavailable')}</Alert>
      ) : isPending ? (
        <CircularProgress size={16} />
      ) : data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('refunds.notes.empty')}
        </Typography>
      ) : (
        <List dense disablePadding sx={{ ml: 1 }} data-testid="refund-note-list">
          {data.map((note) => (
            <NoteEntry key={note.id} note={note} nameOf={nameOf} />
          ))}
        </List>
      )}
      {canAccess(actor?.role, { resource: 'refunds', action: 'note' }) && (
        <Box>
          <AddNote refundId={record.id} />
        </Box>
      )}
    </Stack>
  );
}
