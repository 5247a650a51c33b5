import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { mediationRate } from './indicators';
import { CaseStats, type CaseFigures } from './stats';

@Resolver(() => CaseStats)
export class CaseStatsResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '调解成功率 disputesMediated ÷ disputesReceived, in [0, 1]; null with no disputes.',
  })
  mediationRate(@Root() figures: CaseFigures): number | null {
    return mediationRate(figures);
  }
}
