import type { UnitOfWork } from '@vigil/db';
import { AppError, isNotFound } from '../errors/app-error.ts';
import { can } from '../access/abilities.ts';
import type { FindingService } from '../finding/finding.service.ts';
import type { TeamService } from '../team/team.service.ts';
import type { RequestContext } from '../context/request-context.ts';
import { channelName, type ChannelRef, type ChannelScope } from './chat-channel.ts';

/**
 * Who may use a channel. Team channel: team members read and post (admins read). Finding thread:
 * whoever may read the finding reads it; posting needs the "add_note" ability (Writer and up).
 * Unreadable channels answer as missing (404), like the resources they belong to.
 */
export class ChatAccess {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly teams: TeamService,
    private readonly findings: FindingService,
  ) {}

  async resolve(ctx: RequestContext, ref: ChannelRef): Promise<ChannelScope> {
    if (ref.kind === 'team') {
      const { team, role } = await this.teams.get(ctx, ref.id);
      return {
        ref,
        name: channelName(ref),
        title: `team ${team.name}`,
        teamId: team.id,
        findingId: null,
        productId: null,
        canPost: role !== null,
      };
    }
    const { finding, role } = await this.findings.get(ctx, ref.id);
    return {
      ref,
      name: channelName(ref),
      title: `finding #${finding.id} (${finding.title.slice(0, 80)})`,
      teamId: null,
      findingId: finding.id,
      productId: finding.product_id,
      canPost: can(role, 'add_note', 'finding'),
    };
  }

  async requirePost(ctx: RequestContext, ref: ChannelRef): Promise<ChannelScope> {
    const scope = await this.resolve(ctx, ref);
    if (!scope.canPost) {
      throw new AppError(
        'FORBIDDEN',
        scope.teamId
          ? 'Only members of the team may post in its channel'
          : 'Posting in a finding thread needs the Writer role on its product',
      );
    }
    return scope;
  }

  /** Channels the caller follows: their teams' channels and the finding threads they opened and may still read. */
  async followed(ctx: RequestContext): Promise<ChannelScope[]> {
    const teamIds = await this.uow.repos.chatRooms.teamIdsOf(ctx.actor.userId);
    const findingChannels = await this.uow.repos.chatReadMarkers.findingChannelsOf(ctx.actor.userId);
    const out: ChannelScope[] = [];
    for (const id of teamIds) out.push(await this.resolve(ctx, { kind: 'team', id }));
    for (const name of findingChannels) {
      const scope = await this.resolve(ctx, { kind: 'finding', id: Number(name.slice('finding:'.length)) }).catch(
        (err: unknown) => {
          if (isNotFound(err)) return undefined;
          throw err;
        },
      );
      if (scope) out.push(scope);
    }
    return out;
  }
}
