// The Helpful Responses Questionnaire scale (Miller, Hedrick & Orlofsky 1991) trainers use to
// rate officers' written replies, as set out in MI-REFERENCE.md. Plain data: officer pages show it too.

export const HRQ_LEVELS = [
  { rating: 1, label: "No reflection", description: "A roadblock: advice, a warning, a judgement or arguing." },
  {
    rating: 2,
    label: "Mixed, or neither",
    description: "A reflection mixed with a roadblock, or neither a reflection nor a roadblock.",
  },
  { rating: 3, label: "Simple reflection", description: "Repeats the content of what he said." },
  { rating: 4, label: "Reflection adding meaning", description: "Adds a reasonable meaning he has not said." },
  {
    rating: 5,
    label: "Reflection with feeling",
    description: "As 4, and also reflects feeling, or uses an apt metaphor.",
  },
] as const;

/** A rating as officers read it: "4 out of 5, reflection adding meaning". */
export function ratingInWords(rating: number): string {
  const level = HRQ_LEVELS.find((l) => l.rating === rating);
  return `${rating} out of 5${level ? `, ${level.label.toLowerCase()}` : ""}`;
}
