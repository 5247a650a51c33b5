import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay's page information, alike in every subgraph that pages a list, hence shareable. */
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

/** A page's information from one row more than asked for (`rows.length > first`). */
export function pageInfo(
  cursors: readonly string[],
  hasNextPage: boolean,
  hadPrevious: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: hadPrevious,
    startCursor: cursors[0] ?? null,
    endCursor: cursors.at(-1) ?? null,
  };
}
