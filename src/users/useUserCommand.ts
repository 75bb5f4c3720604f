// The staff account writes as react-query mutations over the data provider's custom methods
// (changeUserRole, setUserRouting, setUserAway, deactivateUser, reactivateUser): on success the users' lists and records are
// read again and the admin is told how many requests went back to the queue; a refusal is said in
// the UI's language (the HTTP client localises it).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify } from 'react-admin';
import type { Locale, ReviewerSkill, Role } from '../domain/model';
import type { RefundDeskDataProvider, UserChangeReply } from '../providers/dataProvider';

export type UserCommand =
  | { kind: 'role'; role: Role }
  | { kind: 'routing'; languages: Locale[]; skills: ReviewerSkill[]; claimCap: number | null }
  | { kind: 'away' }
  | { kind: 'back' }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' };

export function useUserCommand(id: string, version: number) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation<UserChangeReply, Error, UserCommand>({
    mutationKey: ['users', 'command', id],
    mutationFn: async (command) => {
      if (command.kind === 'role')
        return (await dataProvider.changeUserRole(id, { version, role: command.role })).data;
      if (command.kind === 'routing') {
        const { languages, skills, claimCap } = command;
        return (await dataProvider.setUserRouting(id, { version, languages, skills, claimCap })).data;
      }
      if (command.kind === 'away' || command.kind === 'back') {
        return (await dataProvider.setUserAway(id, { version, away: command.kind === 'away' })).data;
      }
      if (command.kind === 'deactivate') return (await dataProvider.deactivateUser(id, { version })).data;
      return (await dataProvider.reactivateUser(id, { version })).data;
    },
    onSuccess: (reply, command) => {
      const released = reply.releasedRefundIds?.length ?? 0;
      const key = released > 0 ? `users.notify.${command.kind}_released` : `users.notify.${command.kind}`;
      notify(key, { type: 'success', messageArgs: { smart_count: released } });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      if (released > 0) void queryClient.invalidateQueries({ queryKey: ['refunds'] });
    },
    onError: (error) => {
      notify(error.message || 'users.notify.failed', { type: 'error' });
      // a 409 means the account moved on: read it again
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
