/** Small pieces of plain English shared by every sentence Engage builds. */

/** "3 officers", "1 person", "2 people" */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A sentence's opening words put mid-sentence: "By 31 January" → "by 31 January". */
export const lowerFirst = (words: string) => `${words.charAt(0).toLowerCase()}${words.slice(1)}`;

/** "name, email address and role" */
export const listed = (items: string[]) =>
  items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
