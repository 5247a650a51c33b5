import { count, type Indicators } from '../kit/figures/indicators';
import type { TrafficFigures } from './stats';

/** The traffic police's indicators for the board (traffic.*), read from trafficStats' figures. */
export const TRAFFIC_INDICATORS: Indicators<TrafficFigures> = {
  accidents: count('道路交通事故起数', 'accidents'),
  deaths: count('道路交通事故死亡人数', 'deaths'),
  injuries: count('道路交通事故受伤人数', 'injuries'),
  majorAccidents: count('较大道路交通事故数', 'majorAccidents'),
  severeAccidents: count('重大道路交通事故数', 'severeAccidents'),
};
