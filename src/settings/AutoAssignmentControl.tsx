// Automatic assignment on the queue's toolbar (GET/PUT /api/settings/assignment): everyone who may
// see it is told whether new requests are handed out on arrival; supervisors and admins get the
// switch itself. A save goes over the version read; when someone switched it meanwhile (409) the
// desk's state as it is now is shown and said, and the click is not repeated behind their back.
import AutoModeIcon from '@mui/icons-material/AutoMode';
import { Chip, FormControlLabel, Switch, Tooltip } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AssignmentSettings } from '../domain/autoAssignment';
import type { RefundDeskDataProvider, StoredAssignmentSettings } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';

export const ASSIGNMENT_SETTINGS_QUERY_KEY = ['assignment-settings'] as const;

export function useAssignmentSettings(enabled: boolean) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  return useQuery({
    queryKey: ASSIGNMENT_SETTINGS_QUERY_KEY,
    queryFn: async () => (await dataProvider.getAssignmentSettings()).data,
    enabled,
    staleTime: 60_000,
  });
}

/** The settings a 409 carries as `current`, when they have the stored shape. */
function currentOf(error: unknown): StoredAssignmentSettings | null {
  const body = typeof error === 'object' && error !== null ? (error as { body?: unknown }).body : null;
  const current =
    typeof body === 'object' && body !== null ? (body as { current?: unknown }).current : undefined;
  if (typeof current !== 'object' || current === null) return null;
  const { automatic, version } = current as Partial<StoredAssignmentSettings>;
  return typeof automatic === 'boolean' && typeof version === 'number'
    ? (current as StoredAssignmentSettings)
    : null;
}

const stateKey = (automatic: boolean) => `assignmentSettings.state.${automatic ? 'on' : 'off'}`;

function AutoAssignmentSwitch({ settings }: { settings: StoredAssignmentSettings }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const { mutate, isPending } = useMutation<
    StoredAssignmentSettings,
    unknown,
    AssignmentSettings & { version: number }
  >({
    mutationFn: async (payload) => (await dataProvider.saveAssignmentSettings(payload)).data,
    onSuccess: (saved) => {
      queryClient.setQueryData(ASSIGNMENT_SETTINGS_QUERY_KEY, saved);
      notify(saved.automatic ? 'assignmentSettings.switched_on' : 'assignmentSettings.switched_off', {
        type: 'success',
      });
    },
    onError: (error) => {
      const { status, message } = toWorkflowError(error);
      const current = status === 409 ? currentOf(error) : null;
      // read again whatever the refusal: a 409 without `current` still means the switch is stale
      if (current) queryClient.setQueryData(ASSIGNMENT_SETTINGS_QUERY_KEY, current);
      void queryClient.invalidateQueries({ queryKey: ASSIGNMENT_SETTINGS_QUERY_KEY });
      if (current)
        notify('assignmentSettings.changed', {
          type: 'warning',
          messageArgs: { state: translate(stateKey(current.automatic)) },
        });
      else notify('assignmentSettings.failed', { type: 'error', messageArgs: { message } });
    },
  });
  return (
    <Tooltip title={translate('assignmentSettings.hint')} describeChild>
      <FormControlLabel
        sx={{ mr: 1 }}
        control={
          <Switch
            size="small"
            checked={settings.automatic}
            disabled={isPending}
            onChange={(event) => mutate({ automatic: event.target.checked, version: settings.version })}
            data-testid="auto-assignment-switch"
          />
        }
        label={translate('assignmentSettings.label')}
        slotProps={{ typography: { variant: 'body2' } }}
      />
    </Tooltip>
  );
}

/** Whether it is on, for those who may see it but not switch it. */
function AutoAssignmentChip({ automatic }: { automatic: boolean }) {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('assignmentSettings.hint')} describeChild>
      <Chip
        size="small"
        variant={automatic ? 'filled' : 'outlined'}
        color={automatic ? 'primary' : 'default'}
        icon={<AutoModeIcon />}
        label={translate(automatic ? 'assignmentSettings.chip_on' : 'assignmentSettings.chip_off')}
        data-testid="auto-assignment-state"
        sx={{ mr: 1 }}
      />
    </Tooltip>
  );
}

export function AutoAssignmentControl() {
  const { canAccess: shows } = useCanAccess({ resource: 'assignment-settings', action: 'show' });
  const { canAccess: edits, isPending } = useCanAccess({ resource: 'assignment-settings', action: 'edit' });
  const { data } = useAssignmentSettings(shows === true);
  if (!shows || isPending || !data) return null;
  return edits ? <AutoAssignmentSwitch settings={data} /> : <AutoAssignmentChip automatic={data.automatic} />;
}
