import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { statsLoader, type StatsKey } from '../kit/stats';
import { caseStatsQuery, noCases, type CaseFigures } from './stats';

export interface CasesLoaders {
  caseFigures: DataLoader<StatsKey, CaseFigures, string>;
}

export function createLoaders(db: DataSource): CasesLoaders {
  return { caseFigures: statsLoader(caseStatsQuery(db), noCases) };
}
