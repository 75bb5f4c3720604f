// Staff accounts an administrator manages: POST /api/users creates one, and versioned writes
// change one (POST /api/users/:id/role, /routing, /deactivate, /reactivate); /away is the
// reviewer's own (or their supervisor's), and going away hands their claims back like a
// deactivation. Each change is recorded with who made it (GET /api/users/:id/changes,
// staffAccountAudit.ts). The rules are
// src/domain/staffAccounts.ts; each command is one transaction. A deactivation hands the account's
// claimed requests back to the queue (the refund table's release_inactive, each with its audit
// event) in the same transaction; the account then signs in no more and its tokens stop working
// (server.ts authenticate reads the account on every request).
import type { Express } from 'express';
import {
  CLAIMED_STATUSES,
  awayChangeRefusal,
  awayFields,
  awayPermissionRefusal,
  changedUser,
  claimsOf,
  deactivationRefusal,
  duplicateUsername,
  keepsClaims,
  parseAwayChange,
  parseNewUser,
  parseRoleChange,
  parseRoutingChange,
  parseStatusChange,
  reactivationRefusal,
  roleChangeRefusal,
  routingChangeRefusal,
  type ManagedUser,
  type Parsed,
} from '../../src/domain/staffAccounts';
import type { StaffUser } from '../../src/domain/model';
import { publicUser } from '../auth';
import { BUSY_RETRY_MS } from '../passwordChecks';
import { requirePermission, type ApiContext } from '../appContext';
import type { DeskWriter } from '../deskData';
import { idParam, refuse, refusalError, route } from '../http';
import { executeRefundCommand } from '../refundService';
import { accountChanges, recordAccountChange, type AccountChangeCause } from '../staffAccountAudit';

function accepted<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw refusalError(parsed);
  return parsed.body;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function loadUser(tx: DeskWriter, id: string): Promise<ManagedUser> {
  const user = await tx.get('users', id);
  if (!user) throw refuse(404, 'record_not_found', { resource: 'users', id });
  return user;
}

/** Writes the account's next version and its audit entry, in the caller's transaction. */
async function writeUser(
  tx: DeskWriter,
  was: StaffUser,
  next: StaffUser,
  cause: AccountChangeCause,
): Promise<void> {
  await tx.commit([{ c: 'users', v: next, was }]);
  await recordAccountChange(tx, was, next, cause);
}

/**
 * Hands every request `userId` holds back to the queue, each through the refund table's
 * release_inactive (a deactivation, a role that may not claim) or release_away (its own audit
 * event), in the caller's transaction. Answers their ids.
 */
export async function releaseClaimsOf(
  tx: DeskWriter,
  userId: string,
  nowIso: string,
  action: 'release_inactive' | 'release_away' = 'release_inactive',
): Promise<string[]> {
  const held = claimsOf(userId, await tx.refundsAssignedTo(userId, CLAIMED_STATUSES));
  const released: string[] = [];
  for (const request of held) {
    const outcome = await executeRefundCommand(tx, request, { action }, { kind: 'system' }, nowIso);
    if (!outcome.ok) throw refusalError(outcome);
    released.push(request.id);
  }
  return released;
}

export function registerUserRoutes(app: Express, ctx: ApiContext): void {
  app.post(
    '/api/users',
    route(async (req, res) => {
      requirePermission(req, 'users', 'create');
      const body = accepted(parseNewUser(req.body));
      // scrypt off the event loop in sign-in's bounded slots, before the transaction (which holds
      // the write lock)
      const hashing = ctx.passwordChecks.hash(body.password);
      if (!hashing) {
        res.setHeader('Retry-After', String(Math.ceil(BUSY_RETRY_MS / 1000)));
        throw refuse(503, 'user_create_busy', { seconds: Math.ceil(BUSY_RETRY_MS / 1000) });
      }
      const passwordHash = await hashing;
      const created = await ctx.desk
        .command(async (tx) => {
          const users = await tx.allUsers();
          if (users.some((u) => u.username === body.username))
            throw refusalError(duplicateUsername(body.username));
          // the seed's accounts were given ids of their own: the sequence moves past them
          let id = await tx.nextId('u');
          while (users.some((u) => u.id === id)) id = await tx.nextId('u');
          const user: StaffUser = {
            id,
            username: body.username,
            fullName: body.fullName,
            role: body.role,
            passwordHash,
            active: true,
            version: 1,
          };
          await tx.commit([{ c: 'users', v: user }]);
          await recordAccountChange(tx, null, user, { actorId: req.user.id, nowIso: ctx.clock.nowIso() });
          return user;
        })
        .catch((error: unknown) => {
          // two admins creating the same username at once: the unique index refuses the second
          if (isUniqueViolation(error)) throw refusalError(duplicateUsername(body.username));
          throw error;
        });
      res.status(201).json(publicUser(created));
    }),
  );

  app.post(
    '/api/users/:id/role',
    route(async (req, res) => {
      requirePermission(req, 'users', 'edit');
      const id = idParam(req);
      const body = accepted(parseRoleChange(req.body));
      const changed = await ctx.desk.command(async (tx) => {
        const user = await loadUser(tx, id);
        const refused = roleChangeRefusal(req.user.id, user, body.role, body.version, await tx.allUsers());
        if (refused) throw refusalError(refused, refused.status === 409 ? { current: publicUser(user) } : {});
        const next = changedUser(user, { role: body.role });
        // a reviewer's claims stay theirs only while they may still decide them
        const nowIso = ctx.clock.nowIso();
        const released = keepsClaims(body.role) ? [] : await releaseClaimsOf(tx, user.id, nowIso);
        await writeUser(tx, user, next, { actorId: req.user.id, nowIso, releasedRefundIds: released });
        return { next, released };
      });
      res.json({ ...publicUser(changed.next), releasedRefundIds: changed.released });
    }),
  );

  // languages, skills and cap (reviewerRouting.ts): versioned like the other account changes
  app.post(
    '/api/users/:id/routing',
    route(async (req, res) => {
      requirePermission(req, 'users', 'edit');
      const id = idParam(req);
      const body = accepted(parseRoutingChange(req.body));
      const next = await ctx.desk.command(async (tx) => {
        const user = await loadUser(tx, id);
        const refused = routingChangeRefusal(user, body.version);
        if (refused) throw refusalError(refused, { current: publicUser(user) });
        const { languages, skills, claimCap } = body;
        const changed = changedUser(user, { languages, skills, claimCap });
        await writeUser(tx, user, changed, { actorId: req.user.id, nowIso: ctx.clock.nowIso() });
        return changed;
      });
      res.json(publicUser(next));
    }),
  );

  // away and back: the account's owner, or a supervisor for a reviewer (permissions.ts mayMarkAway)
  app.post(
    '/api/users/:id/away',
    route(async (req, res) => {
      requirePermission(req, 'users', 'away');
      const id = idParam(req);
      const changed = await ctx.desk.command(async (tx) => {
        // locked as claim-next locks it: a claim racing the change either lands before it (and is
        // handed back here) or reads the account as away
        const user = await tx.lockedUser(id);
        if (!user) throw refuse(404, 'record_not_found', { resource: 'users', id });
        // whose account comes before the body (403 → 422 → 409, as the other account changes)
        const denied = awayPermissionRefusal(req.user, user);
        if (denied) throw refusalError(denied);
        const body = accepted(parseAwayChange(req.body));
        const refused = awayChangeRefusal(user, body.version);
        if (refused) throw refusalError(refused, { current: publicUser(user) });
        const nowIso = ctx.clock.nowIso();
        // going away hands back what the account holds, each with its audit event, in this transaction
        const released = body.away ? await releaseClaimsOf(tx, user.id, nowIso, 'release_away') : [];
        const next = changedUser(user, awayFields(user, body.away, nowIso));
        await writeUser(tx, user, next, { actorId: req.user.id, nowIso, releasedRefundIds: released });
        return { next, released };
      });
      res.json({ ...publicUser(changed.next), releasedRefundIds: changed.released });
    }),
  );

  app.post(
    '/api/users/:id/deactivate',
    route(async (req, res) => {
      requirePermission(req, 'users', 'edit');
      const id = idParam(req);
      const body = accepted(parseStatusChange(req.body));
      const changed = await ctx.desk.command(async (tx) => {
        const user = await loadUser(tx, id);
        const refused = deactivationRefusal(req.user.id, user, body.version, await tx.allUsers());
        if (refused) throw refusalError(refused, refused.status === 409 ? { current: publicUser(user) } : {});
        const nowIso = ctx.clock.nowIso();
        const released = await releaseClaimsOf(tx, user.id, nowIso);
        const next = changedUser(user, { active: false });
        await writeUser(tx, user, next, { actorId: req.user.id, nowIso, releasedRefundIds: released });
        return { next, released };
      });
      res.json({ ...publicUser(changed.next), releasedRefundIds: changed.released });
    }),
  );

  app.post(
    '/api/users/:id/reactivate',
    route(async (req, res) => {
      requirePermission(req, 'users', 'edit');
      const id = idParam(req);
      const body = accepted(parseStatusChange(req.body));
      const next = await ctx.desk.command(async (tx) => {
        const user = await loadUser(tx, id);
        const refused = reactivationRefusal(user, body.version);
        if (refused) throw refusalError(refused, { current: publicUser(user) });
        const changed = changedUser(user, { active: true });
        await writeUser(tx, user, changed, { actorId: req.user.id, nowIso: ctx.clock.nowIso() });
        return changed;
      });
      res.json(publicUser(next));
    }),
  );

  // the account's audit: every change, newest first, with who made it (the administrator's)
  app.get(
    '/api/users/:id/changes',
    route(async (req, res) => {
      requirePermission(req, 'users', 'edit');
      const id = idParam(req);
      if (!(await ctx.desk.get('users', id)))
        throw refuse(404, 'record_not_found', { resource: 'users', id });
      res.json(await accountChanges(ctx.database.db, id));
    }),
  );
}
