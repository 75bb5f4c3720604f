// The refund policy's versions side by side (newest first): each rule in a row, each version in a
// column, a cell marked where the version changed it from the one before; who published it, why,
// and from when it is in force. Admins publish a new version; managers and admins replay a period
// under a proposal below (PolicySimulationPanel).
import {
  Box,
  Chip,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  CanAccess,
  List,
  RecordContextProvider,
  ReferenceField,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { POLICY_PARAMETER_KEYS, policyChanges, type PolicyParameters } from '../domain/policyVersions';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen } from '../i18n/format';
import { PolicySimulationPanel } from './PolicySimulationPanel';
import { PublishPolicyButton } from './PublishPolicyDialog';
import type { PolicyVersionRecord } from './usePolicyVersion';

/** The version in force now: the latest that took effect (versions newest first). */
export function versionInForceNow(versions: readonly PolicyVersionRecord[]): PolicyVersionRecord | undefined {
  const now = new Date().toISOString();
  return versions.find((v) => v.effectiveAt <= now);
}

export function useParameterText() {
  const translate = useTranslate();
  const locale = useLocale();
  return (key: keyof PolicyParameters, value: PolicyParameters[keyof PolicyParameters]): string => {
    if (key === 'refundWindowDays') return translate('policyVersions.days', { smart_count: Number(value) });
    if (key === 'secondApprovalThresholdFen') return formatFen(Number(value), locale);
    if (key === 'automaticApprovalMaxFen') {
      return value === null ? translate('policyVersions.never') : formatFen(Number(value), locale);
    }
    return translate(value ? 'policyVersions.yes' : 'policyVersions.no');
  };
}

function Actions() {
  const { data } = useListContext<PolicyVersionRecord>();
  const latest = data?.[0];
  return (
    <TopToolbar>
      {latest && (
        <CanAccess resource="policies" action="create">
          <PublishPolicyButton latest={latest} />
        </CanAccess>
      )}
    </TopToolbar>
  );
}

function VersionHead({ version, inForce }: { version: PolicyVersionRecord; inForce: boolean }) {
  const translate = useTranslate();
  const locale = useLocale();
  const scheduled = version.effectiveAt > new Date().toISOString();
  return (
    <TableCell data-testid={`policy-version-${version.version}`} sx={{ verticalAlign: 'top', minWidth: 180 }}>
      <Typography variant="subtitle2" component="div">
        {translate('policyVersions.version_label', { version: version.version })}{' '}
        {inForce && <Chip size="small" color="success" label={translate('policyVersions.in_force')} />}
        {scheduled && (
          <Chip size="small" color="info" variant="outlined" label={translate('policyVersions.scheduled')} />
        )}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('resources.policies.fields.effectiveAt')}: {formatDateTime(version.effectiveAt, locale)}
      </Typography>
    </TableCell>
  );
}

function VersionsSideBySide() {
  const translate = useTranslate();
  const text = useParameterText();
  const { data, isPending } = useListContext<PolicyVersionRecord>();
  if (isPending || !data) return null;
  const inForce = versionInForceNow(data);
  // what each version changed from the one before it (the oldest changed nothing)
  const changed = data.map(
    (v, i) =>
      new Set(data[i + 1] ? policyChanges(data[i + 1].parameters, v.parameters).map((c) => c.key) : []),
  );
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('policyVersions.intro')}
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={translate('policyVersions.title')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: 220 }}>{translate('policyVersions.parameter')}</TableCell>
              {data.map((v) => (
                <VersionHead key={v.id} version={v} inForce={v.id === inForce?.id} />
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {POLICY_PARAMETER_KEYS.map((key) => (
              <TableRow key={key}>
                <TableCell component="th" scope="row">
                  {translate(`policyVersions.parameters.${key}`)}
                </TableCell>
                {data.map((v, i) => (
                  <TableCell
                    key={v.id}
                    data-changed={changed[i].has(key) || undefined}
                    sx={
                      changed[i].has(key)
                        ? { bgcolor: 'warning.light', color: 'warning.contrastText', fontWeight: 600 }
                        : undefined
                    }
                  >
                    {text(key, v.parameters[key])}
                    {changed[i].has(key) && (
                      <Typography variant="caption" component="span" sx={{ ml: 1 }}>
                        ({translate('policyVersions.changed')})
                      </Typography>
                    )}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableCell component="th" scope="row">
                {translate('resources.policies.fields.note')}
              </TableCell>
              {data.map((v) => (
                <TableCell key={v.id} sx={{ verticalAlign: 'top', whiteSpace: 'pre-wrap' }}>
                  {v.note}
                </TableCell>
              ))}
            </TableRow>
            <TableRow>
              <TableCell component="th" scope="row">
                {translate('resources.policies.fields.createdBy')}
              </TableCell>
              {data.map((v) => (
                <TableCell key={v.id}>
                  <RecordContextProvider value={v}>
                    {v.createdBy === 'system' ? (
                      '—'
                    ) : (
                      <ReferenceField source="createdBy" reference="users" link={false} />
                    )}
                  </RecordContextProvider>
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </TableContainer>
      {inForce && (
        <CanAccess resource="policies" action="simulate">
          <PolicySimulationPanel current={inForce} />
        </CanAccess>
      )}
    </Box>
  );
}

export function PolicyVersionList() {
  return (
    <List
      title="policyVersions.title"
      actions={<Actions />}
      exporter={false}
      pagination={false}
      perPage={1000}
      empty={false}
    >
      <VersionsSideBySide />
    </List>
  );
}
