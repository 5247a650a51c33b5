import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { statsLoader, type StatsKey } from '../kit/stats';
import { noAccidents, trafficStatsQuery, type TrafficFigures } from './stats';

export interface TrafficLoaders {
  trafficFigures: DataLoader<StatsKey, TrafficFigures, string>;
}

export function createLoaders(db: DataSource): TrafficLoaders {
  return { trafficFigures: statsLoader(trafficStatsQuery(db), noAccidents) };
}
