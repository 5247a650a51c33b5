import { count, type Indicators } from '../kit/indicators';
import type { TrafficFigures } from './stats';

/** The traffic police's indicators for the board (traffic.*), from the same figures as trafficStats. */
export const TRAFFIC_INDICATORS: Indicators<TrafficFigures> = {
  accidents: count('道路交通事故起数', (f) => f.accidents),
  deaths: count('道路交通事故死亡人数', (f) => f.deaths),
  injuries: count('道路交通事故受伤人数', (f) => f.injuries),
  majorAccidents: count('较大道路交通事故数', (f) => f.majorAccidents),
  severeAccidents: count('重大道路交通事故数', (f) => f.severeAccidents),
};
