/**
 * `@login-with-link/provider/oauth`: the tokens of Link's own OAuth page (`LinkOAuth`), for apps
 * that keep them and call Link's API for the person after the sign-in. Link rotates refresh
 * tokens, so each refresh answers a new one to store in place of the old.
 *
 * - `refreshLinkAccount(adapter, linkOAuth, account)`: an adapter account with a fresh access
 *   token, the rotated refresh token stored.
 * - `linkOAuthSignOut(linkOAuth, { refreshToken })`: the `events.signOut` that revokes at Link.
 * - `refreshLinkOAuthToken` / `revokeLinkOAuthToken`: the bare calls, for tokens kept elsewhere
 *   (e.g. in the JWT).
 *
 * @module
 */
export {
  linkOAuthSignOut,
  refreshLinkAccount,
  refreshLinkOAuthToken,
  revokeLinkOAuthToken,
} from "./link-oauth-tokens.js"
export type {
  LinkOAuthCallOptions,
  LinkOAuthSignOutOptions,
  LinkOAuthTokens,
  RefreshLinkAccountOptions,
} from "./link-oauth-tokens.js"
