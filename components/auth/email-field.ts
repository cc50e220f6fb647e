/**
 * The account's email input, the same on the first-admin and sign-in forms: it is the username password
 * managers store and fill (autoComplete "username").
 */
export const EMAIL_FIELD = {
  label: "Email",
  name: "email",
  type: "email",
  autoComplete: "username",
  required: true,
} as const;
