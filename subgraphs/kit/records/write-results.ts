import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { DryRunAnswer, UpsertCounts } from './upsert';

/** The answer's `dryRun` field, on every write's result. */
export const DRY_RUN_FIELD =
  '试运行 True when the call was a dry run: nothing was stored, and the counts are what the ' +
  'write would have done; false when they are what it did.';

/** Not emitted itself: type-graphql emits only the types a schema reaches. */
@ObjectType()
abstract class WriteCounts implements DryRunAnswer<UpsertCounts> {
  @Field(() => Int, { description: '新增 Rows that did not exist before.' })
  inserted!: number;

  @Field(() => Int, {
    description: '更新 Rows that existed with different values and were changed.',
  })
  updated!: number;

  @Field(() => Int, {
    description: '未变 Rows that existed with the same values; nothing was written.',
  })
  unchanged!: number;

  @Field({ description: DRY_RUN_FIELD })
  dryRun!: boolean;
}

@ObjectType({
  description: '登记结果 What one registry upsert did: every input row is counted once.',
})
export class UpsertResult extends WriteCounts {}

/** Every department subgraph returns it, hence shareable. */
@Directive('@shareable')
@ObjectType({
  description: '入库结果 What one batch of department records did: every record is counted once.',
})
export class IngestResult extends WriteCounts {}
