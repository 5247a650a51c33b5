import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Relay's page information, one type for every connection of the graph: shareable, since more
 * than one subgraph pages through its lists (the registry's stations, the published boards).
 */
@Directive('@shareable')
@ObjectType({ description: '分页信息 Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether items follow this page (fetch them with `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; null when empty.',
  })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null when empty.' })
  endCursor!: string | null;
}
