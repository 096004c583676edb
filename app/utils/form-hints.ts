// Hints shown beside fields, also used in the zod rules' messages (utils/forms.ts). Apart from zod
// so a page that only shows a hint loads no zod in the browser.
export const USERNAME_RULES = "3 to 64 characters: letters, numbers, full stops, hyphens and underscores";

export const PASSWORD_RULES =
  "At least 12 characters. Three or four unrelated words work well. Not a common password, and nothing based on your name, username or prison.";
