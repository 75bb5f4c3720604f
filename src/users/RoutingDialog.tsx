// The administrator's routing of a staff account (reviewerRouting.ts): the customers' languages it
// reads, its skills and how many requests it may hold (empty: the default cap). Claim-next then
// hands it only what it is eligible for, and refuses beyond the cap.
import TuneIcon from '@mui/icons-material/Tune';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useId } from 'react';
import {
  CheckboxGroupInput,
  Form,
  NumberInput,
  SaveButton,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LOCALES, REVIEWER_SKILLS, type Locale, type ReviewerSkill, type StaffUser } from '../domain/model';
import { DEFAULT_REVIEWER_CAP, MAX_REVIEWER_CAP, reviewerProfileOf } from '../domain/reviewerRouting';
import { useUserCommand } from './useUserCommand';

const languageChoices = LOCALES.map((id) => ({ id, name: `users.routing.language.${id}` }));
const skillChoices = REVIEWER_SKILLS.map((id) => ({ id, name: `users.routing.skill.${id}` }));

export function RoutingDialog({ user, onClose }: { user: StaffUser; onClose: () => void }) {
  const translate = useTranslate();
  const titleId = useId();
  const { mutateAsync, isPending } = useUserCommand(user.id, user.version ?? 1);
  const profile = reviewerProfileOf(user);
  return (
    <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby={titleId}>
      <Form
        record={{
          id: user.id,
          languages: profile.languages,
          skills: profile.skills,
          claimCap: user.claimCap ?? null,
        }}
        onSubmit={async (values: Record<string, unknown>) => {
          const cap = values.claimCap;
          try {
            await mutateAsync({
              kind: 'routing',
              languages: (values.languages as Locale[] | undefined) ?? [],
              skills: (values.skills as ReviewerSkill[] | undefined) ?? [],
              claimCap: typeof cap === 'number' && Number.isFinite(cap) ? cap : null,
            });
            onClose();
          } catch {
            // said by the notification; the dialog stays open
          }
        }}
      >
        <DialogTitle id={titleId}>{translate('users.routing.title', { name: user.fullName })}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <CheckboxGroupInput source="languages" choices={languageChoices} />
            <CheckboxGroupInput source="skills" choices={skillChoices} />
            <NumberInput
              source="claimCap"
              min={0}
              max={MAX_REVIEWER_CAP}
              step={1}
              helperText={translate('users.routing.cap_hint', { cap: DEFAULT_REVIEWER_CAP })}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={isPending}>
            {translate('ra.action.cancel')}
          </Button>
          <SaveButton label="users.routing.submit" alwaysEnable={!isPending} icon={<TuneIcon />} />
        </DialogActions>
      </Form>
    </Dialog>
  );
}

/** The account's routing as the show page lists it: languages, skills and the cap in effect. */
export function RoutingFields() {
  const user = useRecordContext<StaffUser>();
  const translate = useTranslate();
  if (!user) return null;
  const profile = reviewerProfileOf(user);
  const languages = profile.languages.map((l) => translate(`users.routing.language.${l}`)).join(', ');
  const skills = profile.skills.map((s) => translate(`users.routing.skill.${s}`)).join(', ');
  const cap =
    user.claimCap == null
      ? translate('users.routing.default_cap', { cap: DEFAULT_REVIEWER_CAP })
      : String(user.claimCap);
  return (
    <Stack spacing={0.5} data-testid="user-routing">
      <span>
        {translate('resources.users.fields.languages')}: {languages || '—'}
      </span>
      <span>
        {translate('resources.users.fields.skills')}: {skills || translate('users.routing.no_skill')}
      </span>
      <span>
        {translate('resources.users.fields.claimCap')}: {cap}
      </span>
    </Stack>
  );
}
