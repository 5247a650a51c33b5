import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { listSize } from '../../kit/contract/list-sizes';
import { PageInfo } from '../../kit/contract/connection';
import { BoardSummary } from './board-summary';

const PUBLISHER_NAME =
  "发布人姓名 Who published it, as people read it: the token's name claim at publication, " +
  'else its subject.';
/**
 * The revisions a board lists, the newest: a board has a few corrections at most, and however
 * many it has, its price (@listSize) holds. Every revision stays readable by its number.
 */
export const REVISIONS_LISTED = 10;
/** The largest page of published boards. */
export const MAX_BOARDS = 100;

@ObjectType({
  description: '发布版本 One revision of a published board: who published it, when, why.',
})
export class PublishedRevision {
  @Field(() => Int, { description: '版本 1 for the first publication, then 2, 3, …' })
  revision!: number;

  @Field(() => GraphQLDateTimeISO, { description: '发布时间 When it was published.' })
  publishedAt!: Date;

  @Field({ description: '发布人 Who published it (the token subject).' })
  publishedBy!: string;

  @Field({ description: PUBLISHER_NAME })
  publisherName!: string;

  @Field(() => String, {
    nullable: true,
    description: '更正原因 Why it was published again (required from revision 2 on).',
  })
  reason!: string | null;

  @Field(() => GraphQLDateTimeISO, {
    description: "数据截止 When the departments' figures were read for it.",
  })
  dataCutoff!: Date;
}

@ObjectType({
  description:
    '已发布榜单 The official result (定期晾晒) of a scope, period and scheme: one revision of ' +
    'the board as the live board answered when it was published. It never changes; a ' +
    'correction is a new revision with a reason, and every revision stays readable.',
})
export class PublishedBoard {
  @Field(() => ID, {
    description: '编号 This revision: `<scope>/<period>/<schemeId>/<revision>`.',
  })
  id!: string;

  @Field(() => ID, { description: '范围 The scope: a division code or a station code.' })
  scope!: string;

  @Field({ description: '考核期 The period assessed, e.g. 2019-H1.' })
  period!: string;

  @Field(() => ID, { description: '考核方案 The scheme version scored with.' })
  schemeId!: string;

  @Field(() => Int, {
    description: '版本 This revision: 1 for the first publication, then 2, 3, …',
  })
  revision!: number;

  @listSize(REVISIONS_LISTED)
  @Field(() => [PublishedRevision], {
    description: `全部版本 The newest ${REVISIONS_LISTED} revisions of this board, newest first; the revision field of the newest tells how many there are, and each is read by its number.`,
  })
  revisions!: PublishedRevision[];

  @Field(() => GraphQLDateTimeISO, { description: '发布时间 When this revision was published.' })
  publishedAt!: Date;

  @Field({ description: '发布人 Who published it (the token subject).' })
  publishedBy!: string;

  @Field({ description: PUBLISHER_NAME })
  publisherName!: string;

  @Field(() => String, {
    nullable: true,
    description: '更正原因 Why this revision was published (required from revision 2 on).',
  })
  reason!: string | null;

  @Field(() => GraphQLDateTimeISO, {
    description: "数据截止 When the departments' figures were read for this revision.",
  })
  dataCutoff!: Date;

  @Field(() => Int, { description: '派出所数 Stations on the board.' })
  totalCount!: number;

  @Field(() => BoardSummary, { description: '榜单概况 The board in figures.' })
  summary!: BoardSummary;
}

@ObjectType({ description: '已发布榜单分页项 A published board and its cursor.' })
export class PublishedBoardEdge {
  @Field({ description: 'Opaque cursor of this board in publication order.' })
  cursor!: string;

  @Field(() => PublishedBoard, { description: '已发布榜单 The board (its newest revision).' })
  node!: PublishedBoard;
}

@ObjectType({
  description:
    '已发布榜单列表 A page of published boards, each at its newest revision, the most ' +
    'recently published first (Relay connection).',
})
export class PublishedBoardConnection {
  @listSize(MAX_BOARDS)
  @Field(() => [PublishedBoardEdge], { description: 'The boards of this page with their cursors.' })
  edges!: PublishedBoardEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '总数 Boards that match, across all pages.' })
  totalCount!: number;
}
