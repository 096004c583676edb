// The answer to an export whose filters are not on the lists (the files themselves: ~/utils/download.server).

/** Filters that are not on the lists: a plain 400 naming each problem, never a file of guesses. */
export function filterErrorResponse(errors: Record<string, string>) {
  return new Response(
    `The export was not made:\n${Object.values(errors)
      .map((e) => `- ${e}`)
      .join("\n")}\n`,
    {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    },
  );
}
