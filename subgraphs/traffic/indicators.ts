import type { IndicatorFigures } from '../kit/indicator-figures';
import type { TrafficFigures } from './stats';

/** The traffic police's indicators for the board, read from the same figures as trafficStats. */
export const TRAFFIC_INDICATORS: IndicatorFigures<TrafficFigures> = {
  'traffic.accidents': { figure: 'accidents' },
  'traffic.deaths': { figure: 'deaths' },
  'traffic.injuries': { figure: 'injuries' },
  'traffic.majorAccidents': { figure: 'majorAccidents' },
  'traffic.severeAccidents': { figure: 'severeAccidents' },
};
