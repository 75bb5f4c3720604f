// The keyboard shortcuts, listed in a dialog: opened with `?` anywhere (outside text fields) or
// with the keyboard button in the app bar.
import KeyboardIcon from '@mui/icons-material/Keyboard';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { SHORTCUTS, useKeyboardShortcuts } from '../refunds/review/shortcuts';

export function ShortcutHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcut-help-title" data-testid="shortcut-help">
      <DialogTitle id="shortcut-help-title">{translate('shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('shortcuts.intro')}
        </Typography>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map((shortcut) => (
              <TableRow key={shortcut.key}>
                <TableCell sx={{ width: '6em' }}>
                  <kbd>{shortcut.key === 'Enter' ? '↵ Enter' : shortcut.key}</kbd>
                </TableCell>
                <TableCell>{translate(shortcut.label)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {translate('ra.action.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The app bar's keyboard button and the `?` shortcut, both opening the list of shortcuts. */
export function ShortcutHelp() {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  useKeyboardShortcuts({ '?': () => setOpen(true) }, !open);
  return (
    <>
      <Tooltip title={translate('shortcuts.title')}>
        <IconButton
          color="inherit"
          onClick={() => setOpen(true)}
          aria-keyshortcuts="?"
          aria-label={translate('shortcuts.title')}
        >
          <KeyboardIcon />
        </IconButton>
      </Tooltip>
      <ShortcutHelpDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
