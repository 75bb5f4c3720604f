// The resolve dialog's fields: the outcomes this request allows, the overturn amount within its
// limits, the goodwill coins within what both caps leave (asked of the server, which applies the
// same rule), and a hint when the resolution will wait for another supervisor's second approval.
import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  FormDataConsumer,
  NumberInput,
  RadioButtonGroupInput,
  TextInput,
  maxValue,
  minValue,
  number,
  required,
  useDataProvider,
  useTranslate,
  type Validator,
} from 'react-admin';
import {
  GOODWILL_COINS_CAP,
  availableOutcomes,
  complaintActionBodySchemas,
} from '../domain/complaintWorkflow';
import { goodwillSecondApprovalNeed, isSelfOverride, secondApprovalNeed } from '../domain/fourEyes';
import { goodwillCreditedOn } from '../domain/goodwill';
import type { Complaint, ComplaintOutcome, RefundRequest } from '../domain/model';
import { overturnFloorFen } from '../domain/refundWorkflow';
import { useLocale } from '../i18n/fields';
import { formatFen, formatInteger, yuanToFen } from '../i18n/format';
import { complaintOutcomeChoices } from './choices';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { fieldValidator } from '../workflow/validators';
import { useReasonsText } from './ComplaintSecondApproval';
import { usePolicyVersion } from '../policies/usePolicyVersion';

// the message's limits are the resolve body's own (complaintWorkflow.ts)
const validateMessage = fieldValidator(complaintActionBodySchemas.resolve, 'customerMessage');

/** The hint that a resolution will wait for another supervisor: the same rule as the server. */
function FourEyesHint({
  outcome,
  amountFen,
  goodwillCoins,
  creditedCoins,
  refund,
  actorId,
}: {
  outcome: ComplaintOutcome | undefined;
  amountFen: number | null;
  goodwillCoins: number;
  /** what the complaint credited in its earlier resolutions */
  creditedCoins: number;
  refund: RefundRequest | undefined;
  actorId: string;
}) {
  const translate = useTranslate();
  const reasonsText = useReasonsText();
  const policy = usePolicyVersion(refund?.policyVersion);
  if (!refund || !policy || !outcome || outcome === 'upheld') return null;
  const rule = policy.parameters;
  const reasons =
    outcome === 'goodwill'
      ? goodwillSecondApprovalNeed(goodwillCoins, creditedCoins, refund, rule)
      : secondApprovalNeed({
          amountFen: amountFen ?? 0,
          tipping: refund.tipping,
          selfOverride: isSelfOverride(
            refund.outsideWindow || refund.accountRestricted,
            refund.overrideBy,
            actorId,
          ),
          rule,
        });
  if (reasons.length === 0) return null;
  return (
    <Alert severity="info" data-testid="resolve-needs-second-approval">
      {translate('complaints.actions.help.needs_second_approval', { reasons: reasonsText(reasons) })}
    </Alert>
  );
}

export function ResolveFields({
  refund,
  complaint,
  actorId,
}: {
  refund: RefundRequest | undefined;
  complaint: Complaint;
  actorId: string;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  // both goodwill caps as the server counts them (per complaint across reopenings, per customer)
  const allowance = useQuery({
    queryKey: ['complaints', 'goodwill-allowance', complaint.id, complaint.version],
    queryFn: async () => (await dataProvider.getGoodwillAllowance(complaint.id)).data,
  }).data;
  const goodwillLeft = allowance?.leftCoins ?? GOODWILL_COINS_CAP;
  const goodwillValidators: Validator[] = [
    required(),
    number(),
    minValue(1),
    (value: unknown) =>
      Number(value) > goodwillLeft
        ? {
            message: 'complaints.actions.errors.goodwill_left',
            args: { left: formatInteger(goodwillLeft, locale) },
          }
        : undefined,
  ];
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
          const values = formData as {
            outcome?: ComplaintOutcome;
            amountYuan?: unknown;
            goodwillCoins?: unknown;
          };
          const outcome = values.outcome;
          const hint = (
            <FourEyesHint
              outcome={outcome}
              amountFen={
                outcome === 'overturned' ? refundable : yuanToFen(values.amountYuan as number | string | null)
              }
              goodwillCoins={Number(values.goodwillCoins) || 0}
              creditedCoins={goodwillCreditedOn(complaint)}
              refund={refund}
              actorId={actorId}
            />
          );
          if (outcome === 'overturned') {
            return (
              <>
                <Alert severity="warning" data-testid="overturn-warning">
                  {translate('complaints.actions.help.overturned', { amount: formatFen(refundable, locale) })}
                </Alert>
                {hint}
              </>
            );
          }
          if (outcome === 'partially_overturned') {
            return (
              <>
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
                {hint}
              </>
            );
          }
          if (outcome === 'goodwill') {
            return (
              <>
                <NumberInput
                  source="goodwillCoins"
                  label="complaints.actions.fields.goodwill_coins"
                  step={1}
                  validate={goodwillValidators}
                  helperText={
                    allowance
                      ? translate('complaints.actions.help.goodwill_left', {
                          left: formatInteger(allowance.leftCoins, locale),
                          cap: formatInteger(allowance.complaintCapCoins, locale),
                          customerCap: formatInteger(allowance.customerCapCoins, locale),
                          days: allowance.customerPeriodDays,
                        })
                      : translate('complaints.actions.help.goodwill', {
                          cap: formatInteger(GOODWILL_COINS_CAP, locale),
                        })
                  }
                  slotProps={{ htmlInput: { 'data-testid': 'goodwill-coins' } }}
                />
                {hint}
              </>
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
        validate={validateMessage}
      />
    </>
  );
}
