// Query-string names for play-test variables ("v.rapport"), shared by the page and the server.
const VAR_PREFIX = "v.";
export const varParam = (name: string) => `${VAR_PREFIX}${name}`;
