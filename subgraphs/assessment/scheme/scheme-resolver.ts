import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Grant } from '../../../platform/access';
import { listSize } from '../../kit/contract/list-sizes';
import type { AssessmentContext } from '../loaders';
import { AssessmentScheme, assertSchemeId, type Scheme } from './scheme';
import { AssessmentSchemeInput } from './scheme-input';
import { newestSchemes, publishScheme } from './scheme-store';
import { assertPublishable } from './scheme-validation';
import { learnCatalogs } from '../catalog/indicator-catalogs';

/**
 * The versions assessmentSchemes lists, the newest: a few schemes with a few versions a year
 * each take decades to reach it. Its price (@listSize) is this cap; an older version is still
 * read by its id (assessmentScheme).
 */
export const SCHEME_VERSIONS = 100;

@Resolver(() => AssessmentScheme)
export class SchemeResolver {
  @Authorized()
  @listSize(SCHEME_VERSIONS)
  @Query(() => [AssessmentScheme], {
    description:
      `考核方案 The newest ${SCHEME_VERSIONS} published versions of every scheme, the newest ` +
      'first; an older one is read by its id (assessmentScheme).',
  })
  assessmentSchemes(@Ctx() { db }: AssessmentContext): Promise<Scheme[]> {
    return newestSchemes(db, SCHEME_VERSIONS);
  }

  @Authorized()
  @Query(() => AssessmentScheme, {
    nullable: true,
    description: '考核方案 One scheme version by id; null when none was published under it.',
  })
  assessmentScheme(
    @Arg('id', () => ID, { description: '方案编号 `<name>@<version>`, e.g. fengqiao-2019@1.' })
    id: string,
    @Ctx() { loaders }: AssessmentContext,
  ): Promise<Scheme | null> {
    return loaders.scheme.load(assertSchemeId(id, 'id'));
  }

  @Authorized(Grant.assessor)
  @Mutation(() => AssessmentScheme, {
    description:
      '发布考核方案 Publishes a scheme as the next version of its name (version 1 for a new ' +
      'name); it becomes the default of boards that name no scheme. Published versions never ' +
      'change. A scheme with any problem is refused whole (BAD_USER_INPUT).',
  })
  async publishAssessmentScheme(
    @Arg('input', () => AssessmentSchemeInput, { description: 'The whole scheme.' })
    input: AssessmentSchemeInput,
    @Ctx() { db, graph, loaders, viewer }: AssessmentContext,
  ): Promise<Scheme> {
    const catalogs = await learnCatalogs(graph);
    assertPublishable(input, catalogs);
    // @Authorized has let a viewer through; the token's subject is recorded as the publisher.
    if (!viewer) throw new Error('publishAssessmentScheme reached without a viewer');
    const labelOf = (key: string) => catalogs.indicator(key)?.label ?? key;
    const id = await publishScheme(db, input, labelOf, viewer.sub);
    const stored = await loaders.scheme.load(id);
    if (!stored) throw new Error(`scheme ${id} was published but cannot be read back`);
    return stored;
  }
}
