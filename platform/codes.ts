import { badUserInput, show } from './errors';

/** A police organization code (GA/T 380): 12 digits, the first 6 the division it was issued under. */
const STATION_CODE = /^\d{12}$/;
/** A GB/T 2260 administrative division code: 6 digits. */
const DIVISION_CODE = /^\d{6}$/;

export function isStationCode(value: string): boolean {
  return STATION_CODE.test(value);
}

export function assertStationCode(value: string, field = 'code'): string {
  if (!isStationCode(value)) {
    throw badUserInput(`${field} ${show(value)} is not a 12-digit station code`, { field, value });
  }
  return value;
}

export function isDivisionCode(value: string): boolean {
  return DIVISION_CODE.test(value);
}

export function assertDivisionCode(value: string, field = 'code'): string {
  if (!isDivisionCode(value)) {
    throw badUserInput(`${field} ${show(value)} is not a 6-digit GB/T 2260 code`, { field, value });
  }
  return value;
}
