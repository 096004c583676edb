// Reading a form from a request. Anything that is not a form (JSON, plain text, no content type)
// is refused with 415, a form with too many fields with 413, and a form that cannot be read (a
// broken multipart body) with 400: each as the usual error page, never a 500. Every action reads
// its form through here.
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export function isFormContentType(contentType: string | null, { multipartOnly = false } = {}) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return multipartOnly ? type === "multipart/form-data" : FORM_TYPES.has(type);
}

export function refuseNonForm(): never {
  throw new Response("Engage only accepts forms sent from its own pages. Go back to the page and try again.", {
    status: 415,
  });
}

function refuseUnreadableForm(): never {
  throw new Response("The form could not be read. Go back to the page and try again.", { status: 400 });
}

/**
 * Most fields a form may have: the largest real one is an assignment to 2,000 named officers. Counted
 * before parsing, since parsing hundreds of thousands of empty fields in a 1 MB body stalls the server.
 */
const MAX_FIELDS = 5_000;

function refuseTooManyFields(): never {
  throw new Response("The form has more fields than Engage accepts. Go back to the page and try again.", {
    status: 413,
  });
}

/** How many fields a body holds at most: separators in a URL-encoded one, boundaries in a multipart one. */
function fieldsIn(body: Buffer, contentType: string): number {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const separator = isFormContentType(contentType, { multipartOnly: true }) ? `--${boundary ?? ""}` : "&";
  let count = 1;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, at + separator.length)) count++;
  return count;
}

export async function readFormData(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type");
  if (contentType === null || !isFormContentType(contentType)) refuseNonForm();
  let bytes: ArrayBuffer;
  try {
    bytes = await request.arrayBuffer();
  } catch {
    refuseUnreadableForm();
  }
  if (fieldsIn(Buffer.from(bytes), contentType) > MAX_FIELDS) refuseTooManyFields();
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    refuseUnreadableForm();
  }
}
