/**
 * The five-level scales of the survey (docs/domain.md): 安全感 很安全 5, 安全 4, 基本安全 3,
 * 不太安全 2, 很不安全 1; 满意度 很满意 5, 满意 4, 基本满意 3, 不满意 2, 很不满意 1.
 */
export const LOWEST_LEVEL = 1;
export const HIGHEST_LEVEL = 5;

/**
 * The published rates count the answers at 基本安全 / 基本满意 or better, which is why they sit
 * near 99%.
 */
export const COUNTED_LEVEL = 3;
