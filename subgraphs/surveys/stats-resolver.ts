import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { satisfactionRate, securityRate } from './indicators';
import { SurveyStats, type SurveyFigures } from './stats';

@Resolver(() => SurveyStats)
export class SurveyStatsResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '群众安全感 Share of the responses at 基本安全 (3) or better, in [0, 1]; null with no responses.',
  })
  securityRate(@Root() figures: SurveyFigures): number | null {
    return securityRate(figures);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '群众满意度 Share of the responses at 基本满意 (3) or better, in [0, 1]; null with no responses.',
  })
  satisfactionRate(@Root() figures: SurveyFigures): number | null {
    return satisfactionRate(figures);
  }
}
