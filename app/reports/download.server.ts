// Responses for the export downloads.

export function downloadResponse(body: string, type: string, fileName: string) {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Filters that are not on the lists: a plain 400 naming each problem, never a file of guesses. */
export function filterErrorResponse(errors: Record<string, string>) {
  return new Response(`The export was not made:\n${Object.values(errors).map((e) => `- ${e}`).join("\n")}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
