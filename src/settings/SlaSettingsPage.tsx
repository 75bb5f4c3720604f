// The admin's page for the desk's clocks: time zone, each weekday's working spans (split shifts as
// "09:00-12:00, 13:00-18:00"), holidays, and the targets of each wait, first review by segment too.
// Saved over the version read (PUT /api/settings/sla); the server's refusals are shown as they come.
import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ArrayInput,
  BooleanInput,
  Form,
  NumberInput,
  SaveButton,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  Title,
  useDataProvider,
  useNotify,
  useTranslate,
} from 'react-admin';
import { PAYMENT_CHANNELS } from '../domain/model';
import type { SlaSettings } from '../domain/slaSettings';
import { WEEKDAYS } from '../domain/workingCalendar';
import { formatDateTime } from '../i18n/format';
import { useLocale } from '../i18n/fields';
import type { RefundDeskDataProvider, StoredSlaSettings } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';
import { SLA_SETTINGS_QUERY_KEY, useSlaSettings } from './slaCalendar';
import { formToSettings, settingsToForm, spansText, type SlaSettingsForm } from './slaSettingsForm';

const validateSpans = (value: unknown) =>
  spansText(String(value ?? '')) === null ? 'slaSettings.spans_invalid' : undefined;

export function SlaSettingsPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const { data, isPending } = useSlaSettings();
  const { mutate, isPending: saving } = useMutation<
    StoredSlaSettings,
    unknown,
    SlaSettings & { version: number }
  >({
    mutationFn: async (payload) => (await dataProvider.saveSlaSettings(payload)).data,
    onSuccess: (saved) => {
      queryClient.setQueryData(SLA_SETTINGS_QUERY_KEY, saved);
      notify('slaSettings.saved', { type: 'success', messageArgs: { version: saved.version } });
    },
    onError: (error) => {
      notify('slaSettings.failed', {
        type: 'error',
        messageArgs: { message: toWorkflowError(error).message },
      });
    },
  });
  if (isPending || !data) return null;
  const channels = PAYMENT_CHANNELS.map((id) => ({ id, name: `refunds.paymentChannel.${id}` }));
  return (
    <Card sx={{ mt: 2 }} data-testid="sla-settings">
      <Title title="slaSettings.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('slaSettings.intro')}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {data.version === 0
            ? translate('slaSettings.defaults')
            : translate('slaSettings.version', {
                version: data.version,
                date: data.updatedAt ? formatDateTime(data.updatedAt, locale) : '',
              })}
        </Alert>
        {/* a new key per saved version: the form starts again from what the server now holds */}
        <Form
          key={data.version}
          defaultValues={settingsToForm(data)}
          onSubmit={(values: Record<string, unknown>) =>
            mutate({ ...formToSettings(values as unknown as SlaSettingsForm), version: data.version })
          }
        >
          <Stack spacing={1} sx={{ maxWidth: 640 }}>
            <TextInput
              source="timeZone"
              label="slaSettings.time_zone"
              helperText="slaSettings.time_zone_help"
            />
            <Typography variant="subtitle1">{translate('slaSettings.hours')}</Typography>
            {WEEKDAYS.map((day) => (
              <TextInput
                key={day}
                source={`hours.${day}`}
                label={`slaSettings.day.${day}`}
                helperText="slaSettings.hours_help"
                validate={validateSpans}
              />
            ))}
            <TextInput
              source="holidays"
              label="slaSettings.holidays"
              helperText="slaSettings.holidays_help"
              multiline
              minRows={2}
            />
            <Typography variant="subtitle1">{translate('slaSettings.targets')}</Typography>
            <NumberInput source="targets.firstReviewHours" label="slaSettings.first_review" min={0} />
            <NumberInput source="targets.secondApprovalHours" label="slaSettings.second_approval" min={0} />
            <NumberInput source="targets.complaintHours" label="slaSettings.complaint" min={0} />
            <NumberInput
              source="targets.idleClaimMinutes"
              label="slaSettings.idle_claim"
              helperText="slaSettings.idle_claim_help"
              min={1}
              step={1}
            />
            <Typography variant="subtitle1">{translate('slaSettings.segments')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('slaSettings.segments_help')}
            </Typography>
            <ArrayInput source="targets.bySegment" label={false}>
              <SimpleFormIterator inline>
                <BooleanInput source="tipping" label="slaSettings.segment_tipping" />
                <NumberInput source="amountOverYuan" label="slaSettings.segment_amount_over" min={0} />
                <SelectInput source="paymentChannel" label="slaSettings.segment_channel" choices={channels} />
                <NumberInput source="firstReviewHours" label="slaSettings.segment_hours" min={0} />
              </SimpleFormIterator>
            </ArrayInput>
            <SaveButton label="slaSettings.save" disabled={saving} alwaysEnable={!saving} />
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}
