/**
 * The largest figures a station may be registered with: each above anything real, so no real
 * station is refused, and far below what would make a sum of a province's stations leave a
 * JavaScript safe integer. A typing slip (2147483647) is refused.
 */
export const STATION_BOUNDS = {
  /** More police than any county-level bureau employs; a 派出所 has tens to a few hundred. */
  officers: 10_000,
  /** More people than live in any county-level division of China (浦东新区: about 5.8 million). */
  population: 10_000_000,
  /** Shaoxing's whole city counted 98 平安类社会组织 in 2019. */
  socialOrganizations: 10_000,
} as const;
