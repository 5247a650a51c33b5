import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { statsLoader, type StatsKey } from '../kit/stats';
import { noSurveys, surveyStatsQuery, type SurveyFigures } from './stats';

export interface SurveysLoaders {
  surveyFigures: DataLoader<StatsKey, SurveyFigures, string>;
}

export function createLoaders(db: DataSource): SurveysLoaders {
  return { surveyFigures: statsLoader(surveyStatsQuery(db), noSurveys) };
}
