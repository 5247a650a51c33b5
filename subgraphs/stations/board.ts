import {
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../kit/service/context';
import { BOARD_DESCRIPTION, BoardKey } from '../kit/contract/board-contract';
import { listSize, STATIONS_IN_SCOPE } from '../kit/contract/list-sizes';
import type { StationsLoaders } from './loaders';
import { assertKnownScope, narrowToScope } from './scope';
import { Station } from './station';

@Directive('@key(fields: "scope period schemeId")')
@ObjectType({ description: BOARD_DESCRIPTION })
export class AssessmentBoard extends BoardKey {}

@Resolver(() => AssessmentBoard)
export class BoardStationsResolver {
  @Authorized()
  @listSize(STATIONS_IN_SCOPE)
  @FieldResolver(() => [Station], {
    description: "参评派出所 Every station of the board's scope, in code order.",
  })
  async stations(
    @Root() board: AssessmentBoard,
    @Ctx() { db, loaders }: Context<StationsLoaders>,
  ): Promise<Station[]> {
    const query = db.getRepository(Station).createQueryBuilder('s');
    const found = await narrowToScope(query, board.scope).orderBy('s.code').getMany();
    // Stations found means the registry knows their county, so it knows the scope above it:
    // only an empty board costs the second statement that tells unknown from empty.
    if (found.length === 0) await assertKnownScope(board.scope, loaders);
    return found;
  }
}
