import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BoardKey } from '../../kit/contract/board-contract';
import { listSize } from '../../kit/contract/list-sizes';
import type { AssessmentContext } from '../loaders';
import { PublishedBoard } from '../published/published-board';
import { PublishedRow } from '../published/published-row';
import type { BoardHeader } from '../published/published-store';
import { RowChange } from '../published/row-changes';
import {
  Appeal,
  APPEALS_OF_A_STATION,
  APPEALS_ON_A_BOARD,
  AppealStatusEnum,
  type AppealStatus,
} from './appeal';
import { visibilityOf } from './appeal-access';
import type { BoardAppealsRequest, StoredAppeal } from './appeal-store';

/**
 * The appeals shown on a published board, its rows and its changes. Every list holds only
 * what the reader may see: assessors and admin every appeal, a station its own, a department
 * those on its items.
 */
function appealsOf(
  { loaders, viewer }: AssessmentContext,
  board: BoardKey,
  request: Omit<BoardAppealsRequest, 'board'>,
): Promise<StoredAppeal[]> {
  if (!viewer) throw new Error('appeals reached without a viewer');
  const { scope, period, schemeId } = board;
  return loaders.appeals
    .onBoards(visibilityOf(viewer))
    .load({ board: { scope, period, schemeId }, ...request });
}

const READERS =
  ' Assessors and admin see every one, a station its own, a department those on its items.';

@Resolver(() => PublishedBoard)
export class BoardAppealsResolver {
  @Authorized()
  @listSize(APPEALS_ON_A_BOARD)
  @FieldResolver(() => [Appeal], {
    description: `申诉 The appeals filed against any revision of this board, in filing order.${READERS}`,
  })
  appeals(
    @Root() board: BoardHeader,
    @Arg('status', () => AppealStatusEnum, {
      nullable: true,
      description: '状态 Only this status.',
    })
    status: AppealStatus | undefined,
    @Ctx() context: AssessmentContext,
  ): Promise<StoredAppeal[]> {
    return appealsOf(context, board, { status: status ?? null, station: null, resolvedIn: null });
  }

  @Authorized()
  @listSize(APPEALS_ON_A_BOARD)
  @FieldResolver(() => [Appeal], {
    description: `已解决申诉 The appeals this revision resolves (its publication named them).${READERS}`,
  })
  resolvedAppeals(
    @Root() board: BoardHeader,
    @Ctx() context: AssessmentContext,
  ): Promise<StoredAppeal[]> {
    return appealsOf(context, board, { status: null, station: null, resolvedIn: board.revision });
  }
}

@Resolver(() => PublishedRow)
export class RowAppealsResolver {
  @Authorized()
  @listSize(APPEALS_OF_A_STATION)
  @FieldResolver(() => [Appeal], {
    description: `申诉 The station's appeals against this board, with their outcome.${READERS}`,
  })
  appeals(@Root() row: PublishedRow, @Ctx() context: AssessmentContext): Promise<StoredAppeal[]> {
    return appealsOf(context, row.board, {
      status: null,
      station: row.station.code,
      resolvedIn: null,
    });
  }
}

@Resolver(() => RowChange)
export class ChangeAppealsResolver {
  @Authorized()
  @listSize(APPEALS_OF_A_STATION)
  @FieldResolver(() => [Appeal], {
    description: `申诉 The station's appeals this revision resolves: the appeals behind the move.${READERS}`,
  })
  appeals(@Root() change: RowChange, @Ctx() context: AssessmentContext): Promise<StoredAppeal[]> {
    return appealsOf(context, change.board, {
      status: null,
      station: change.station.code,
      resolvedIn: change.revision,
    });
  }
}
