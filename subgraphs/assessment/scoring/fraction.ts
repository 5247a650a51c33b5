/**
 * Exact fractions: the reference arithmetic of the scoring rules. Binary doubles cannot hold
 * most decimals (0.95 − 0.9 is 0.04999999999999993), so 15 × (0.95 − 0.9) ÷ (0.98 − 0.9) comes
 * out as 9.37499999999999 and would round to 9.37 where a person with a calculator gets
 * 9.375 → 9.38. Here every number enters as the decimal JavaScript prints for it (what the
 * scheme and the departments wrote) and the arithmetic is done on BigInt fractions. It is slow
 * (BigInt), so the scoring computes with `Exact` (exact.ts), which asks for these only when
 * doubles cannot vouch for the rounding.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Positive: a negative divisor would leave a negative denominator, which `round` misreads. */
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export class Fraction {
  /** numerator / denominator, in lowest terms, denominator > 0. */
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  private static inLowestTerms(numerator: bigint, denominator: bigint): Fraction {
    if (denominator === 0n) throw new RangeError('division by zero');
    const sign = denominator < 0n ? -1n : 1n;
    const divisor = gcd(numerator, denominator) || 1n;
    return new Fraction((sign * numerator) / divisor, (sign * denominator) / divisor);
  }

  /** The decimal a finite number prints as: Fraction.of(0.95) is exactly 95/100. */
  static of(value: number): Fraction {
    // Counts, the most common operands, print as themselves.
    if (Number.isSafeInteger(value)) return new Fraction(BigInt(value), 1n);
    const match = Number.isFinite(value) ? DECIMAL.exec(String(value)) : null;
    if (!match) throw new RangeError(`cannot compute with ${value}`);
    const [, minus, whole = '', fraction = '', exponent = '0'] = match;
    const digits = BigInt(minus + whole + fraction);
    const power = Number(exponent) - fraction.length;
    return power >= 0
      ? Fraction.inLowestTerms(digits * 10n ** BigInt(power), 1n)
      : Fraction.inLowestTerms(digits, 10n ** BigInt(-power));
  }

  plus(other: Fraction): Fraction {
    return Fraction.inLowestTerms(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    );
  }

  minus(other: Fraction): Fraction {
    return this.plus(other.negated());
  }

  times(other: Fraction): Fraction {
    return Fraction.inLowestTerms(
      this.numerator * other.numerator,
      this.denominator * other.denominator,
    );
  }

  dividedBy(other: Fraction): Fraction {
    return Fraction.inLowestTerms(
      this.numerator * other.denominator,
      this.denominator * other.numerator,
    );
  }

  negated(): Fraction {
    return new Fraction(-this.numerator, this.denominator);
  }

  /** This value held within [0, 1]. */
  clampedToUnit(): Fraction {
    if (this.numerator < 0n) return Fraction.of(0);
    return this.numerator > this.denominator ? Fraction.of(1) : this;
  }

  /** Rounded half away from zero to `decimals` places, as the double nearest that decimal. */
  round(decimals: number): number {
    const negative = this.numerator < 0n;
    const scaled = (negative ? -this.numerator : this.numerator) * 10n ** BigInt(decimals);
    const quotient = scaled / this.denominator;
    const remainder = scaled % this.denominator;
    const rounded = quotient + (remainder * 2n >= this.denominator ? 1n : 0n);
    if (rounded === 0n) return 0;
    // An integer over a power of ten: IEEE division gives the double nearest the decimal.
    const magnitude = Number(rounded) / 10 ** decimals;
    return negative ? -magnitude : magnitude;
  }
}
