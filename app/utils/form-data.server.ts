// Reading a form from a request. Anything that is not a form (JSON, plain text, no content type)
// is refused with 415, and a form that cannot be read (a broken multipart body) with 400: both as
// the usual error page, never a 500. Every action reads its form through here.
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

export async function readFormData(request: Request): Promise<FormData> {
  if (!isFormContentType(request.headers.get("Content-Type"))) refuseNonForm();
  try {
    return await request.formData();
  } catch {
    refuseUnreadableForm();
  }
}
