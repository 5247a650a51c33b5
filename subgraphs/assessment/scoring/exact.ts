import { Fraction } from './fraction';

/**
 * Numbers of the scoring rules, exact where it shows: rounded half away from zero as the
 * decimals they print as would round on a calculator (fraction.ts says why doubles alone fail).
 *
 * BigInt fractions for every figure of a province board cost a third of the assessment
 * subgraph's time, yet almost no result lies near a rounding boundary. So each value is a
 * double with a bound on its distance from the exact value, carried through every operation
 * (IEEE rounds each operation to within a relative 2⁻⁵³). `round` uses the double when no
 * rounding boundary lies within the bound; otherwise (9.375 → 9.38, 0.125 → 0.13) it
 * recomputes the value as a Fraction from the operations recorded, which is always right.
 */

/** The unit roundoff of doubles: IEEE's result of one operation is within u × its size. */
const U = 2 ** -53;
/** Below the normal range a rounding error is absolute, at most half the smallest subnormal. */
const TINY = Number.MIN_VALUE;

/**
 * How a value was made, so that its Fraction can be made the same way: the operation and its
 * operands, kept on the value itself (a separate recipe object per value would double the
 * allocations of scoring a province board).
 */
type Operation =
  'of' | 'negated' | 'clampedToUnit' | 'plus' | 'minus' | 'times' | 'dividedBy' | 'along';

/** The whole numbers from 0 that Exact.of does not make anew. */
const SMALL_COUNTS = 1024;

/** The error of the double nearest a result of size |value|, beyond the operands' errors. */
const roundoff = (value: number) => 2 * U * Math.abs(value) + TINY;

export class Exact {
  /**
   * `approx` is within `error` of the exact value, which `operation` makes with Fractions from
   * `left` and `right` (for `of`, from `approx` itself). A NaN bound means unknown: such a
   * value rounds through its Fraction.
   */
  private constructor(
    private readonly approx: number,
    private readonly error: number,
    private readonly operation: Operation,
    private readonly left: Exact | null = null,
    private readonly right: Exact | Line | null = null,
  ) {}

  /** The decimal a finite number prints as: Exact.of(0.95) is exactly 95/100. */
  static of(value: number): Exact {
    if (value >= 0 && value < SMALL_COUNTS && (value | 0) === value) {
      return Exact.smallCounts[value] ?? new Exact(value, 0, 'of');
    }
    return new Exact(value, errorOf(value), 'of');
  }

  /** As Exact.of(value).round(decimals), without making the value: a rate shown, say. */
  static rounded(value: number, decimals: number): number {
    return roundedWithin(value, errorOf(value), decimals) ?? Fraction.of(value).round(decimals);
  }

  /**
   * The counts a board's indicators mostly are, each made once (a value never changes): a
   * province board would otherwise make ~40,000 of them.
   */
  private static readonly smallCounts: readonly Exact[] = Array.from(
    { length: SMALL_COUNTS },
    (_, count) => new Exact(count, 0, 'of'),
  );

  plus(other: Exact): Exact {
    const approx = this.approx + other.approx;
    return new Exact(approx, sumError(this.error, other.error, approx), 'plus', this, other);
  }

  /** As plus(other.negated()), in one step: a + (−b) and a − b are the same double. */
  minus(other: Exact): Exact {
    const approx = this.approx - other.approx;
    return new Exact(approx, sumError(this.error, other.error, approx), 'minus', this, other);
  }

  times(other: Exact): Exact {
    const approx = this.approx * other.approx;
    const error = productError(this.approx, this.error, other.approx, other.error, approx);
    return new Exact(approx, error, 'times', this, other);
  }

  dividedBy(other: Exact): Exact {
    if (!other.boundedAwayFromZero()) return new Exact(NaN, NaN, 'dividedBy', this, other);
    const approx = this.approx / other.approx;
    const error = quotientError(this.approx, this.error, other.approx, other.error, approx);
    return new Exact(approx, error, 'dividedBy', this, other);
  }

  /**
   * The share of a line's weight this value earns: weight × clamp((this − zero) ÷ span, 0, 1),
   * the same doubles and bounds as those four operations make, in one value instead of four
   * (a province board scores ~15,000 indicators on their lines).
   */
  along(line: Line): Exact {
    const { weight, zero, span } = line;
    if (!span.boundedAwayFromZero()) return new Exact(NaN, NaN, 'along', this, line);
    const shifted = this.approx - zero.approx;
    const shiftedError = sumError(this.error, zero.error, shifted);
    const ratio = shifted / span.approx;
    // Clamping moves two values no further apart: the ratio's bound holds for the share.
    const share = Math.min(Math.max(ratio, 0), 1);
    const shareError = quotientError(shifted, shiftedError, span.approx, span.error, ratio);
    const approx = weight.approx * share;
    const error = productError(weight.approx, weight.error, share, shareError, approx);
    return new Exact(approx, error, 'along', this, line);
  }

  /**
   * Whether the double vouches that this value, a divisor, is not 0. When it cannot (the value
   * may be 0, or its error is unbounded) only the Fraction can tell, and it refuses 0 now, as
   * the caller divides, rather than when the result is rounded.
   */
  private boundedAwayFromZero(): boolean {
    if (this.error < Math.abs(this.approx)) return true;
    if (this.toFraction().numerator === 0n) throw new RangeError('division by zero');
    return false;
  }

  negated(): Exact {
    return new Exact(-this.approx, this.error, 'negated', this);
  }

  /** This value held within [0, 1]; clamping moves two values no further apart. */
  clampedToUnit(): Exact {
    const approx = Math.min(Math.max(this.approx, 0), 1);
    return new Exact(approx, this.error, 'clampedToUnit', this);
  }

  /** Rounded half away from zero to `decimals` places, as the double nearest that decimal. */
  round(decimals: number): number {
    return this.roundedByDoubles(decimals) ?? this.toFraction().round(decimals);
  }

  /**
   * The rounding the double vouches for, or null when the exact value may lie on the other
   * side of a rounding boundary (a half of the last place) than the double does.
   */
  roundedByDoubles(decimals: number): number | null {
    return roundedWithin(this.approx, this.error, decimals);
  }

  /** The exact value, made again from the inputs the way this one was. */
  private toFraction(): Fraction {
    if (this.operation === 'of') return Fraction.of(this.approx);
    const left = operand(this.left).toFraction();
    const right = this.right;
    switch (this.operation) {
      case 'negated':
        return left.negated();
      case 'clampedToUnit':
        return left.clampedToUnit();
      case 'along': {
        if (!(right instanceof Line)) throw new Error('a value along a line without its line');
        const share = left.minus(right.zero.toFraction()).dividedBy(right.span.toFraction());
        return right.weight.toFraction().times(share.clampedToUnit());
      }
      default:
        if (!(right instanceof Exact)) throw new Error('an exact value without its operand');
        return left[this.operation](right.toFraction());
    }
  }
}

/**
 * A rule's line from zeroAt (nothing earned) to fullAt (the whole weight), as exact values:
 * what `Exact.along` measures a value against.
 */
export class Line {
  /** fullAt − zeroAt */
  readonly span: Exact;

  constructor(
    readonly weight: Exact,
    readonly zero: Exact,
    full: Exact,
  ) {
    this.span = full.minus(zero);
  }
}

/** The bound on a sum or difference: its operands' and the roundoff of the result. */
function sumError(left: number, right: number, result: number): number {
  return left + right + roundoff(result);
}

/** (a + δa)(b + δb) − ab = a δb + b δa + δa δb, and the roundoff of the product. */
function productError(a: number, errorA: number, b: number, errorB: number, result: number) {
  return Math.abs(a) * errorB + Math.abs(b) * errorA + errorA * errorB + roundoff(result);
}

/**
 * (a + δa)/(b + δb) − a/b = (b δa − a δb) / (b (b + δb)), and |b + δb| ≥ |b| − |δb|; with the
 * roundoff of the quotient. Only for a divisor bounded away from 0 (|δb| < |b|).
 */
function quotientError(a: number, errorA: number, b: number, errorB: number, result: number) {
  const divisor = Math.abs(b);
  return (
    (divisor * errorA + Math.abs(a) * errorB) / (divisor * (divisor - errorB)) + roundoff(result)
  );
}

/** The bound on a number's distance from the decimal it prints as (Exact.of). */
function errorOf(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot compute with ${value}`);
  // The decimal printed for a double rounds to that double, so it lies within half an ulp
  // of it; integers below 2⁵³ print as themselves.
  return Number.isSafeInteger(value) ? 0 : U * Math.abs(value) + TINY;
}

/**
 * `approx`, within `error` of an exact value, rounded as that value would be, or null when the
 * exact value may lie on the other side of a rounding boundary (a half of the last place).
 */
function roundedWithin(approx: number, error: number, decimals: number): number | null {
  const power = 10 ** decimals;
  const scaled = Math.abs(approx) * power;
  // Bounds are doubles too: twice the bound covers their own rounding.
  const margin = 2 * (error * power + roundoff(scaled));
  // Integers below 2⁵² and their fractional parts are exact in doubles.
  if (!(scaled < 2 ** 52 && margin < 0.25)) return null;
  const whole = Math.floor(scaled);
  const part = scaled - whole;
  if (Math.abs(part - 0.5) <= margin) return null;
  const rounded = part > 0.5 ? whole + 1 : whole;
  // A nonzero result is at least half a last place from 0, further than the margin, so the
  // double's sign is the exact value's. As the Fraction does: +0, never −0.
  if (rounded === 0) return 0;
  return approx < 0 ? -rounded / power : rounded / power;
}

/** The operand every operation but `of` was made with. */
function operand(value: Exact | null): Exact {
  if (!value) throw new Error('an exact value without its operand');
  return value;
}
