// The inputs of a policy version's parameters (src/domain/policyVersions.ts), shared by the publish
// dialog and the "what if" replay: the window in days, the threshold and the automatic-approval
// amount typed in yuan and held in fen (the project's yuanToFen / fenToYuanInput), the tipping rule.
// The server validates them again with the same schema.
import { BooleanInput, NumberInput, maxValue, minValue, number, required } from 'react-admin';
import { MAX_REFUND_WINDOW_DAYS, MAX_SECOND_APPROVAL_THRESHOLD_FEN } from '../domain/policyVersions';
import { fenToYuanInput, yuanToFen } from '../i18n/format';

const wholeDays = (value: unknown) =>
  value === null || value === undefined || Number.isInteger(Number(value))
    ? undefined
    : 'policyVersions.whole_days';
const validateDays = [
  required('policyVersions.whole_days'),
  wholeDays,
  minValue(1, 'policyVersions.whole_days'),
  maxValue(MAX_REFUND_WINDOW_DAYS, 'policyVersions.whole_days'),
];
// validators see the form's value, the parsed fen
const validateYuan = [
  required('policyVersions.amount_range'),
  number('policyVersions.amount_range'),
  minValue(0, 'policyVersions.amount_range'),
  maxValue(MAX_SECOND_APPROVAL_THRESHOLD_FEN, 'policyVersions.amount_range'),
];

// empty: never; otherwise at most the threshold (the server says so too, policyVersions.ts)
const validateAutomatic = (
  value: unknown,
  values: { parameters?: { secondApprovalThresholdFen?: number } },
) => {
  if (value === null || value === undefined || value === '') return undefined;
  const fen = Number(value);
  const threshold = values.parameters?.secondApprovalThresholdFen ?? 0;
  return Number.isInteger(fen) && fen >= 1 && fen <= threshold ? undefined : 'policyVersions.automatic_range';
};

/** Inputs for `parameters.*` of the form they sit in. */
export function PolicyParameterInputs({ disabled = false }: { disabled?: boolean }) {
  return (
    <>
      <NumberInput
        source="parameters.refundWindowDays"
        label="policyVersions.parameters.refundWindowDays"
        validate={validateDays}
        step={1}
        disabled={disabled}
        slotProps={{ htmlInput: { 'data-testid': 'policy-window-days' } }}
      />
      <NumberInput
        source="parameters.secondApprovalThresholdFen"
        label="policyVersions.parameters.secondApprovalThresholdFen"
        validate={validateYuan}
        format={fenToYuanInput}
        parse={yuanToFen}
        disabled={disabled}
        slotProps={{ htmlInput: { 'data-testid': 'policy-threshold' } }}
      />
      <NumberInput
        source="parameters.automaticApprovalMaxFen"
        label="policyVersions.parameters.automaticApprovalMaxFen"
        validate={validateAutomatic}
        format={fenToYuanInput}
        parse={yuanToFen}
        disabled={disabled}
        slotProps={{ htmlInput: { 'data-testid': 'policy-automatic-max' } }}
      />
      <BooleanInput
        source="parameters.tippingNeedsSecondApproval"
        label="policyVersions.parameters.tippingNeedsSecondApproval"
        disabled={disabled}
      />
    </>
  );
}
