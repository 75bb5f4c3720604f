// Bulk actions on the refund list: supervisors reassign the selected requests to one person;
// reviewers (and supervisors) reject the selected duplicates with one reason and one message.
// The buttons are part of the queue's controls; their dialogs (BulkDialogs.tsx) load when one is
// opened, so the queue's page does not carry the forms, their validators and the domain's rules.
import AssignIcon from '@mui/icons-material/AssignmentInd';
import RejectIcon from '@mui/icons-material/DoNotDisturbOn';
import { Button, type ButtonProps } from '@mui/material';
import { lazy, Suspense, useState, type ComponentType, type ReactElement } from 'react';
import { useTranslate } from 'react-admin';
import { canAccess } from '../../domain/permissions';
import { useWhoAmI as useActor } from '../../workflow/identity';

type BulkDialog = ComponentType<{ onClose: () => void }>;
const loadDialogs = () => import('./BulkDialogs');
const BulkReassignDialog: BulkDialog = lazy(() =>
  loadDialogs().then((m) => ({ default: m.BulkReassignDialog })),
);
const BulkRejectDialog: BulkDialog = lazy(() => loadDialogs().then((m) => ({ default: m.BulkRejectDialog })));

/** A toolbar button that opens its bulk dialog. */
function BulkButton({
  label,
  icon,
  testId,
  color,
  Dialog,
}: {
  label: string;
  icon: ReactElement;
  testId: string;
  color?: ButtonProps['color'];
  Dialog: BulkDialog;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        color={color}
        startIcon={icon}
        onClick={() => setOpen(true)}
        onPointerEnter={() => void loadDialogs().catch(() => undefined)}
        data-testid={testId}
      >
        {translate(label)}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <Dialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

export function BulkReassignButton() {
  return (
    <BulkButton
      label="refunds.review.bulk.reassign"
      icon={<AssignIcon />}
      testId="bulk-reassign"
      Dialog={BulkReassignDialog}
    />
  );
}

export function BulkRejectButton() {
  return (
    <BulkButton
      label="refunds.review.bulk.reject"
      icon={<RejectIcon />}
      testId="bulk-reject"
      color="error"
      Dialog={BulkRejectDialog}
    />
  );
}

/** The list's bulk action buttons for the signed-in role. */
export function RefundBulkActions() {
  const { actor } = useActor();
  const role = actor?.role ?? null;
  return (
    <>
      {canAccess(role, { resource: 'refunds', action: 'reassign' }) && <BulkReassignButton />}
      {canAccess(role, { resource: 'refunds', action: 'reject' }) && <BulkRejectButton />}
    </>
  );
}
