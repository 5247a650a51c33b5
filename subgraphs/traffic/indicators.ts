import { assertPublishes } from '../kit/federation';
import type { TrafficFigures } from './stats';

/** The traffic police's indicators for the board, from the same figures as trafficStats. */
export const TRAFFIC_INDICATORS = assertPublishes<TrafficFigures>('TRAFFIC', {
  'traffic.accidents': { value: (f) => f.accidents },
  'traffic.deaths': { value: (f) => f.deaths },
  'traffic.injuries': { value: (f) => f.injuries },
  'traffic.majorAccidents': { value: (f) => f.majorAccidents },
  'traffic.severeAccidents': { value: (f) => f.severeAccidents },
});
