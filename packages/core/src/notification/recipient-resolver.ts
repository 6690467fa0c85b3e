import type { NotificationSubscriptionRow, Recipient, Repositories } from '@vigil/db';
import { NOTIFICATION_TYPES, severityRank } from './notification-types.ts';
import type { NotificationDraft } from './notification-content.ts';

export interface ResolvedRecipients {
  /** Users who get an in-app alert. */
  alertUserIds: number[];
  /** Users who get an email (with an address). */
  emailRecipients: Recipient[];
  /** Shared channels (Slack, webhook, syslog …) that get one message. */
  channelIds: number[];
}

type Repos = Pick<Repositories, 'notificationSubscriptions' | 'notifications' | 'notificationChannels'>;
const PERSONAL_CHANNELS = ['alert', 'email'] as const;

/**
 * Who receives a notification, on which channel. For each user and channel the most specific
 * subscription row decides (the user's row for the product, then the user's global row, then the
 * user's teams, then the system default for the product, then the global default); a row can
 * switch a notification off as well as on. Recipients must be able to read the product
 * concerned; admin-audience types reach administrators only, personal ones only the users the
 * event names (assignee, mentioned users, reviewers).
 */
export async function resolveRecipients(repos: Repos, d: NotificationDraft): Promise<ResolvedRecipients> {
  const subs = await repos.notificationSubscriptions.forEvent(d.type, d.productId);
  const passes = (s: NotificationSubscriptionRow) =>
    s.enabled && (d.severity === null || !s.min_severity || severityRank(d.severity) >= severityRank(s.min_severity));

  const enabledChannels = new Set((await repos.notificationChannels.list()).filter((c) => c.enabled).map((c) => c.id));
  const channelIds = [
    ...new Set(
      subs
        .filter(
          (s) => s.channel === 'target' && s.channel_id !== null && passes(s) && enabledChannels.has(s.channel_id),
        )
        .map((s) => s.channel_id as number),
    ),
  ];

  const personalSubs = subs.filter((s) => s.channel !== 'target');
  if (!personalSubs.length) return { alertUserIds: [], emailRecipients: [], channelIds };

  const teamRows = personalSubs.filter((s) => s.team_id !== null);
  const members = await repos.notifications.teamMembers([...new Set(teamRows.map((s) => s.team_id as number))]);
  const teamsOf = new Map<number, Set<number>>();
  for (const m of members) (teamsOf.get(m.user_id) ?? teamsOf.set(m.user_id, new Set()).get(m.user_id)!).add(m.team_id);

  const audience = NOTIFICATION_TYPES[d.type].audience;
  const hasDefaults = personalSubs.some((s) => s.user_id === null && s.team_id === null && s.enabled);
  let candidates: number[] | null;
  if (d.personalUserIds) candidates = d.personalUserIds;
  else if (hasDefaults)
    candidates = null; // every user who may read it
  else
    candidates = [
      ...new Set([
        ...personalSubs.filter((s) => s.user_id !== null).map((s) => s.user_id as number),
        ...members.map((m) => m.user_id),
      ]),
    ];
  if (candidates && !candidates.length) return { alertUserIds: [], emailRecipients: [], channelIds };

  const eligible =
    audience === 'admin'
      ? await repos.notifications.activeUsers(candidates, true)
      : d.productId !== null
        ? await repos.notifications.readersOfProduct(d.productId, candidates)
        : await repos.notifications.activeUsers(candidates, false);

  const alertUserIds: number[] = [];
  const emailRecipients: Recipient[] = [];
  for (const user of eligible) {
    for (const channel of PERSONAL_CHANNELS) {
      const rows = personalSubs.filter((s) => s.channel === channel);
      if (decide(rows, user.id, teamsOf.get(user.id), passes)) {
        if (channel === 'alert') alertUserIds.push(user.id);
        else if (user.email) emailRecipients.push(user);
      }
    }
  }
  return { alertUserIds, emailRecipients, channelIds };
}

/** The most specific level that has rows decides; within a level, any passing row wins. */
function decide(
  rows: NotificationSubscriptionRow[],
  userId: number,
  teams: Set<number> | undefined,
  passes: (s: NotificationSubscriptionRow) => boolean,
): boolean {
  const levels: ((s: NotificationSubscriptionRow) => boolean)[] = [
    (s) => s.user_id === userId && s.product_id !== null,
    (s) => s.user_id === userId && s.product_id === null,
    (s) => s.team_id !== null && !!teams?.has(s.team_id) && s.product_id !== null,
    (s) => s.team_id !== null && !!teams?.has(s.team_id) && s.product_id === null,
    (s) => s.user_id === null && s.team_id === null && s.product_id !== null,
    (s) => s.user_id === null && s.team_id === null && s.product_id === null,
  ];
  for (const level of levels) {
    const found = rows.filter(level);
    if (found.length) return found.some(passes);
  }
  return false;
}
