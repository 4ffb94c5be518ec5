import { Parser } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** '@genevieve.cote', not inside a word or an email address. */
const MENTION = /(?<![\p{L}\p{N}_.@-])@([a-z0-9][a-z0-9._-]{0,38}[a-z0-9]|[a-z0-9])/gu;

/** The handles a text mentions, to look up before rendering. */
export function mentionCandidates(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION)].map((match) => match[1]!.toLowerCase()))];
}

interface RenderEnv {
  /** handle → display name, for the members who may be mentioned here. */
  mentionable: Map<string, string>;
  mentioned: Set<string>;
}

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/** Inline rule: '@handle' of a mentionable member becomes a link to their profile. */
const mentionRule: Parameters<typeof markdown.inline.ruler.push>[1] = (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const previous = state.pos > 0 ? state.src[state.pos - 1]! : ' ';
  if (/[\p{L}\p{N}_.@-]/u.test(previous)) return false;
  const match = /^@([a-z0-9][a-z0-9._-]{0,38}[a-z0-9]|[a-z0-9])/.exec(state.src.slice(state.pos));
  const env = state.env as RenderEnv;
  const handle = match?.[1];
  if (!match || !handle || !env.mentionable?.has(handle)) return false;
  if (!silent) {
    const open = state.push('link_open', 'a', 1);
    open.attrs = [
      ['href', `/membres/${handle}`],
      ['class', 'mention'],
    ];
    state.push('text', '', 0).content = `@${handle}`;
    state.push('link_close', 'a', -1);
    env.mentioned.add(handle);
  }
  state.pos += match[0].length;
  return true;
};

markdown.inline.ruler.push('mention', mentionRule);
markdown.disable(['image']);

/**
 * Defence in depth: markdown-it already escapes raw HTML and refuses javascript:, vbscript: and data: links; the
 * allow-list below removes anything else that could run or track, whatever the parser lets through.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'class', 'rel'], code: ['class'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedClasses: { a: ['mention'], code: [/^language-[a-z0-9-]+$/] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      // Links to the platform itself (mentions) stay plain; every other one leaves without referrer rights.
      attribs: attribs.href?.startsWith('/') ? attribs : { ...attribs, rel: 'noopener nofollow ugc' },
    }),
  },
};

export interface RenderedMarkdown {
  html: string;
  /** Handles that became mention links. */
  mentioned: string[];
}

/** Markdown to sanitized HTML, server-side, once at write time. */
export function renderMarkdown(source: string, mentionable = new Map<string, string>()): RenderedMarkdown {
  const env: RenderEnv = { mentionable, mentioned: new Set() };
  const html = sanitizeHtml(markdown.render(source, env), sanitizeOptions);
  return { html, mentioned: [...env.mentioned] };
}

/** Elements after which words must not run together in plain text. */
const BLOCK_TAG = /^(p|br|li|blockquote|pre|h[1-6]|tr|td|th)$/;

/** The words of rendered HTML, entities decoded and blocks kept apart by a space: what search indexes. */
export function plainText(html: string): string {
  const parts: string[] = [];
  const parser = new Parser({
    ontext: (text) => parts.push(text),
    onclosetag: (name) => BLOCK_TAG.test(name) && parts.push(' '),
    onopentag: (name) => name === 'br' && parts.push(' '),
  });
  parser.write(html);
  parser.end();
  return parts.join('').replace(/\s+/g, ' ').trim();
}
