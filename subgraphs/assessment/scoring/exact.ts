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
type Operation = 'of' | 'negated' | 'clampedToUnit' | 'plus' | 'minus' | 'times' | 'dividedBy';

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
    private readonly right: Exact | null = null,
  ) {}

  /** The decimal a finite number prints as: Exact.of(0.95) is exactly 95/100. */
  static of(value: number): Exact {
    if (!Number.isFinite(value)) throw new RangeError(`cannot compute with ${value}`);
    // The decimal printed for a double rounds to that double, so it lies within half an ulp
    // of it; integers below 2⁵³ print as themselves.
    const error = Number.isSafeInteger(value) ? 0 : U * Math.abs(value) + TINY;
    return new Exact(value, error, 'of');
  }

  plus(other: Exact): Exact {
    const approx = this.approx + other.approx;
    const error = this.error + other.error + roundoff(approx);
    return new Exact(approx, error, 'plus', this, other);
  }

  /** As plus(other.negated()), in one step: a + (−b) and a − b are the same double. */
  minus(other: Exact): Exact {
    const approx = this.approx - other.approx;
    const error = this.error + other.error + roundoff(approx);
    return new Exact(approx, error, 'minus', this, other);
  }

  times(other: Exact): Exact {
    const approx = this.approx * other.approx;
    // (a + δa)(b + δb) − ab = a δb + b δa + δa δb
    const error =
      Math.abs(this.approx) * other.error +
      Math.abs(other.approx) * this.error +
      this.error * other.error +
      roundoff(approx);
    return new Exact(approx, error, 'times', this, other);
  }

  dividedBy(other: Exact): Exact {
    const divisor = Math.abs(other.approx);
    if (!(other.error < divisor)) {
      // The divisor may be 0, or its error unbounded: only the Fraction can tell, and it
      // refuses 0 now, as the caller divides, rather than when the result is rounded.
      if (other.toFraction().numerator === 0n) throw new RangeError('division by zero');
      return new Exact(NaN, NaN, 'dividedBy', this, other);
    }
    const approx = this.approx / other.approx;
    // (a + δa)/(b + δb) − a/b = (b δa − a δb) / (b (b + δb)), and |b + δb| ≥ |b| − |δb|
    const error =
      (divisor * this.error + Math.abs(this.approx) * other.error) /
        (divisor * (divisor - other.error)) +
      roundoff(approx);
    return new Exact(approx, error, 'dividedBy', this, other);
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
    const power = 10 ** decimals;
    const scaled = Math.abs(this.approx) * power;
    // Bounds are doubles too: twice the bound covers their own rounding.
    const margin = 2 * (this.error * power + roundoff(scaled));
    // Integers below 2⁵² and their fractional parts are exact in doubles.
    if (!(scaled < 2 ** 52 && margin < 0.25)) return null;
    const whole = Math.floor(scaled);
    const part = scaled - whole;
    if (Math.abs(part - 0.5) <= margin) return null;
    const rounded = part > 0.5 ? whole + 1 : whole;
    // A nonzero result is at least half a last place from 0, further than the margin, so the
    // double's sign is the exact value's. As the Fraction does: +0, never −0.
    if (rounded === 0) return 0;
    return this.approx < 0 ? -rounded / power : rounded / power;
  }

  /** The exact value, made again from the inputs the way this one was. */
  private toFraction(): Fraction {
    if (this.operation === 'of') return Fraction.of(this.approx);
    const left = operand(this.left).toFraction();
    switch (this.operation) {
      case 'negated':
        return left.negated();
      case 'clampedToUnit':
        return left.clampedToUnit();
      default:
        return left[this.operation](operand(this.right).toFraction());
    }
  }
}

/** The operand every operation but `of` was made with. */
function operand(value: Exact | null): Exact {
  if (!value) throw new Error('an exact value without its operand');
  return value;
}
