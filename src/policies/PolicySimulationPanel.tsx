// "What if?" (managers and admins): a proposal's parameters and a period, replayed on the server
// (POST /api/policies/simulate, dataProvider.simulatePolicy through useMutation) against the version
// in force now. The answer: how many suggestions change and how, by reason and payment channel,
// second approvals before and after, the refunded amount's difference; each set of requests opens
// in the refund list (or, when there are too many for one list, downloads as CSV).
import { Alert, Box, Button, Card, CardContent, Grid, Link, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import {
  DateInput,
  Form,
  downloadCSV,
  required,
  useDataProvider,
  useNotify,
  useTranslate,
} from 'react-admin';
import { toCsv } from '../domain/csv';
import type { PolicySimulation } from '../domain/policySimulation';
import type { PolicyParameters } from '../domain/policyVersions';
import { useLocale } from '../i18n/fields';
import { formatFen, formatInteger } from '../i18n/format';
import { listPath } from '../dashboard/clickThrough';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';
import { PolicyParameterInputs } from './PolicyParameterInputs';
import type { PolicyVersionRecord } from './usePolicyVersion';

/** The most ids a list link carries (the address stays short enough for every proxy). */
const MAX_IDS_IN_LINK = 200;

interface SimulationValues {
  parameters: PolicyParameters;
  /** YYYY-MM-DD, local */
  from: string;
  to: string;
}

const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** Local midnight of a YYYY-MM-DD, as UTC ISO text. */
const midnightIso = (date: string) => new Date(`${date}T00:00:00`).toISOString();

function RequestsLink({ ids, testId }: { ids: readonly string[]; testId: string }) {
  const translate = useTranslate();
  if (ids.length === 0) return null;
  if (ids.length > MAX_IDS_IN_LINK) {
    return (
      <Typography variant="body2" data-testid={testId}>
        {translate('policyVersions.simulate.too_many_for_list', { smart_count: ids.length })}{' '}
        <Button
          size="small"
          onClick={() =>
            downloadCSV(toCsv(ids, [{ header: 'id', value: (id) => id }]), 'policy-simulation-ids')
          }
        >
          {translate('policyVersions.simulate.download_ids')}
        </Button>
      </Typography>
    );
  }
  return (
    <Link component={RouterLink} to={listPath('refunds', { id: [...ids] })} data-testid={testId}>
      {translate('policyVersions.simulate.open_list', { smart_count: ids.length })}
    </Link>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Grid size={{ xs: 6, md: 'grow' }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="caption" color="text.secondary">
            {label}
          </Typography>
          <Typography variant="h6" data-testid={testId}>
            {value}
          </Typography>
        </CardContent>
      </Card>
    </Grid>
  );
}

function Counts({
  title,
  counts,
  labelOf,
}: {
  title: string;
  counts: Record<string, number | undefined>;
  labelOf: (key: string) => string;
}) {
  const entries = Object.entries(counts).filter(([, n]) => (n ?? 0) > 0);
  const locale = useLocale();
  if (entries.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle2">{title}</Typography>
      {entries
        .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
        .map(([key, n]) => (
          <Typography key={key} variant="body2">
            {labelOf(key)}: {formatInteger(n ?? 0, locale)}
          </Typography>
        ))}
    </Box>
  );
}

function SimulationAnswer({ answer }: { answer: PolicySimulation }) {
  const translate = useTranslate();
  const locale = useLocale();
  const decision = (d: string) => translate(`policyVersions.simulate.decision.${d}`);
  const delta = answer.refundedFenDelta;
  return (
    <Stack spacing={2} sx={{ mt: 2 }} data-testid="policy-simulation-answer">
      <Grid container spacing={2}>
        <Figure
          label={translate('policyVersions.simulate.requests')}
          value={formatInteger(answer.requests, locale)}
          testId="sim-requests"
        />
        <Figure
          label={translate('policyVersions.simulate.flipped')}
          value={formatInteger(answer.flipped.total, locale)}
          testId="sim-flipped"
        />
        <Figure
          label={translate('policyVersions.simulate.second_before')}
          value={formatInteger(answer.secondApprovals.before, locale)}
          testId="sim-second-before"
        />
        <Figure
          label={translate('policyVersions.simulate.second_after')}
          value={formatInteger(answer.secondApprovals.after, locale)}
          testId="sim-second-after"
        />
        <Figure
          label={translate('policyVersions.simulate.refunded_delta')}
          value={`${delta > 0 ? '+' : delta < 0 ? '−' : ''}${formatFen(Math.abs(delta), locale)}`}
          testId="sim-refunded-delta"
        />
      </Grid>
      {answer.flipped.total === 0 ? (
        <Alert severity="info">{translate('policyVersions.simulate.nothing_changes')}</Alert>
      ) : (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
          <Box>
            <Typography variant="subtitle2">{translate('policyVersions.simulate.by_change')}</Typography>
            {answer.flipped.byChange.map((c) => (
              <Typography key={`${c.from}-${c.to}`} variant="body2">
                {translate('policyVersions.simulate.change', { from: decision(c.from), to: decision(c.to) })}:{' '}
                {formatInteger(c.n, locale)}
              </Typography>
            ))}
            <RequestsLink ids={answer.flipped.ids} testId="sim-flipped-link" />
          </Box>
          <Counts
            title={translate('policyVersions.simulate.by_reason')}
            counts={answer.flipped.byReason}
            labelOf={(k) => translate(`refunds.reason.${k}`)}
          />
          <Counts
            title={translate('policyVersions.simulate.by_channel')}
            counts={answer.flipped.byChannel}
            labelOf={(k) => translate(`refunds.paymentChannel.${k}`)}
          />
        </Stack>
      )}
      <RequestsLink ids={answer.secondApprovals.ids} testId="sim-second-link" />
    </Stack>
  );
}

export function PolicySimulationPanel({ current }: { current: PolicyVersionRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const { mutate, data, isPending } = useMutation<PolicySimulation, unknown, SimulationValues>({
    mutationFn: async (values) =>
      (
        await dataProvider.simulatePolicy({
          parameters: values.parameters,
          from: midnightIso(values.from),
          to: midnightIso(values.to),
        })
      ).data,
    onError: (error) =>
      notify('policyVersions.simulate.failed', {
        type: 'error',
        messageArgs: { message: toWorkflowError(error).message },
      }),
  });
  const now = Date.now();
  return (
    <Card variant="outlined" sx={{ mt: 3 }} data-testid="policy-simulation">
      <CardContent>
        <Typography variant="h6">{translate('policyVersions.simulate.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('policyVersions.simulate.help', { version: current.version })}
        </Typography>
        <Form
          defaultValues={{
            parameters: current.parameters,
            from: localDate(now - 90 * 86_400_000),
            to: localDate(now + 86_400_000),
          }}
          onSubmit={(values: object) => mutate(values as SimulationValues)}
        >
          <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: { lg: 'center' } }}>
            <PolicyParameterInputs disabled={isPending} />
            <DateInput
              source="from"
              label="policyVersions.simulate.from"
              validate={required()}
              disabled={isPending}
            />
            <DateInput
              source="to"
              label="policyVersions.simulate.to"
              validate={required()}
              disabled={isPending}
            />
            <Button type="submit" variant="contained" disabled={isPending} data-testid="run-simulation">
              {translate(isPending ? 'policyVersions.simulate.running' : 'policyVersions.simulate.run')}
            </Button>
          </Stack>
        </Form>
        {data && <SimulationAnswer answer={data} />}
      </CardContent>
    </Card>
  );
}
