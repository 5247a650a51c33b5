import {
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../kit/context';
import type { StationsLoaders } from './loaders';
import { whereInScope } from './scope';
import { Station } from './station';

@Directive('@key(fields: "scope period schemeId")')
@ObjectType({
  description: '考核榜单 A board of the 平安考核: every station of a scope scored for a period.',
})
export class AssessmentBoard {
  @Field(() => ID, { description: '范围 The scope: a division code or a station code.' })
  scope!: string;

  @Field({ description: '考核期 The period assessed.' })
  period!: string;

  @Field(() => ID, { description: '考核方案 The scheme version scored with.' })
  schemeId!: string;
}

@Resolver(() => AssessmentBoard)
export class BoardStationsResolver {
  @Authorized()
  @FieldResolver(() => [Station], {
    description: "参评派出所 Every station of the board's scope, in code order.",
  })
  async stations(
    @Root() board: AssessmentBoard,
    @Ctx() { db, loaders }: Context<StationsLoaders>,
  ): Promise<Station[]> {
    const query = db.getRepository(Station).createQueryBuilder('s');
    return (await whereInScope(query, board.scope, loaders)).orderBy('s.code').getMany();
  }
}
