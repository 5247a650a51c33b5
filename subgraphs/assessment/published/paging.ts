import { badUserInput, show } from '../../../platform/errors';

/** A count argument (`first`, `last`, a revision) checked to lie between 1 and `max`. */
export function bounded(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(`${field} must be between 1 and ${max}, got ${show(value)}`, {
      field,
      value,
    });
  }
  return value;
}

/**
 * Opaque cursors of the published lists: a prefix naming the list and a positive integer (a
 * row's position in rank order, a board's publication key).
 */
export function encodeCursor(prefix: string, value: number | string): string {
  return Buffer.from(`${prefix}:${value}`).toString('base64url');
}

export function decodeCursor(prefix: string, cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const value = text.slice(prefix.length + 1);
  if (!text.startsWith(`${prefix}:`) || !/^[1-9][0-9]{0,14}$/.test(value)) {
    throw badUserInput(`after ${show(cursor)} is not a cursor this list issued`, {
      field: 'after',
      value: cursor,
    });
  }
  return Number(value);
}
