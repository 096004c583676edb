// The kinds of event an admin can filter the audit log by. Shared by the page (which lists them) and
// the server (which checks what was asked for, in audit/log.server.ts).

export const AUDIT_KINDS = [
  { value: "", label: "All events" },
  { value: "sign_in", label: "Sign-ins" },
  { value: "user.", label: "User changes" },
  { value: "users.", label: "Staff imports" },
  { value: "prison.", label: "Prison changes" },
  { value: "unit.", label: "Wing and team changes" },
  { value: "record.", label: "Officer records viewed" },
  { value: "export.", label: "Exports and downloads" },
  { value: "session.", label: "Sessions ended" },
  { value: "scenario.", label: "Scenarios created, imported, published, retired, rolled back and deleted" },
  { value: "module.", label: "Modules added, reworded, reordered or removed, and their competency settings changed" },
  { value: "reply.", label: "Written replies listed, opened and rated" },
  { value: "target.", label: "Training targets set" },
  { value: "engagement.", label: "Programme engagement figures" },
  { value: "assignment.", label: "Training assigned" },
  // Both "observation." (each observation) and "observations." (the report of them).
  { value: "observation", label: "Observations on the wing" },
] as const;
