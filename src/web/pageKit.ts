import { type PageContext, useHref, usePage, useText } from './context.js';

/**
 * What most pages read first: the page's messages, formatters and user (`usePage`), links in its language
 * (`href`) and localized text from the data (`text`).
 */
export function usePageKit(): PageContext & { href: (path: string) => string; text: ReturnType<typeof useText> } {
  return { ...usePage(), href: useHref(), text: useText() };
}

/** What a page shown after a post may say: the confirmation (`?ok=<what>`) or why the action was refused. */
export interface AfterPost {
  ok?: string | undefined;
  refusal?: string | undefined;
}
