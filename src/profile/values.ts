// Plain values and checks of the profile format, apart from its zod schema (schema.ts): the quick
// validation path and the questionnaire need them, and importing them must not load zod.

/** Every question accepts this answer; it counts as no answer. */
export const UNSURE = "unsure";

/**
 * Whether YYYY-MM-DD names a day of the proleptic Gregorian calendar (2027-02-29 does not).
 * Plain arithmetic: `check` runs it three times per profile, and building Date objects cost more
 * than the rest of validation.
 */
export const isRealDate = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
};
