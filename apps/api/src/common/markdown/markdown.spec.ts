import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';

import { mentionCandidates, plainText, renderMarkdown } from './markdown';

/** From the OWASP XSS Filter Evasion Cheat Sheet and PortSwigger's XSS cheat sheet, in raw HTML and in Markdown. */
const payloads = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=javascript:alert('XSS')>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  "<BODY ONLOAD=alert('XSS')>",
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">clic</a>',
  '<a href="  javascript:alert(1)">clic</a>',
  '<div style="background-image: url(javascript:alert(\'XSS\'))">',
  "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<details open ontoggle=alert(1)>',
  '<BASE HREF="javascript:alert(\'XSS\');//">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[clic](javascript:alert(1))',
  '[clic](JAVASCRIPT:alert(1))',
  '[clic](vbscript:msgbox(1))',
  '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![image](javascript:alert(1))',
  '[clic](javascript&#58;alert(1))',
  '<https://exemple.ca" onmouseover="alert(1)>',
  '[a](https://exemple.ca "titre\\" onmouseover=alert(1) x=\\"")',
  '`<script>alert(1)</script>` et ```\n<img src=x onerror=alert(1)>\n```',
];

const allowedTags = new Set([
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
]);
const allowedAttributes = new Set(['href', 'class', 'rel', 'start', 'style']);

type Node = DefaultTreeAdapterMap['childNode'];

/**
 * Everything in the rendered HTML that could run: a tag, attribute or link scheme outside the allow-list, as a browser
 * would parse it (parse5 follows the HTML standard's parsing algorithm).
 */
function dangers(html: string): string[] {
  const found: string[] = [];
  const visit = (nodes: Node[]) => {
    for (const node of nodes) {
      if (!('tagName' in node)) continue;
      if (!allowedTags.has(node.tagName)) found.push(`tag ${node.tagName}`);
      for (const attribute of node.attrs) {
        if (!allowedAttributes.has(attribute.name)) found.push(`attribute ${attribute.name}`);
        if (attribute.name === 'href' && !/^(https?:|mailto:|\/)/i.test(attribute.value.trim()))
          found.push(`href ${attribute.value}`);
        if (
          attribute.name === 'style' &&
          !/^text-align:(left|right|center);?$/.test(attribute.value.replace(/\s/g, ''))
        ) {
          found.push(`style ${attribute.value}`);
        }
      }
      visit(node.childNodes);
    }
  };
  visit(parseFragment(html).childNodes);
  return found;
}

describe('renderMarkdown', () => {
  it.each(payloads.map((payload) => [payload]))('neutralizes %s', (payload) => {
    const { html } = renderMarkdown(payload);
    expect(dangers(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|iframe|img|svg|object|embed|style|base|form|math|meta|details)/i);
  });

  it('has at least 30 payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(30);
  });

  it('renders the Markdown members write: emphasis, lists, quotes, code blocks and links', () => {
    const { html } = renderMarkdown(
      '**Table de concertation** de *La Mitis*\n\n- un\n- deux\n\n> citation\n\n```\ncode <b>\n```\n\n[CRD](https://crd-bsl.ca)',
    );
    expect(html).toContain('<strong>Table de concertation</strong>');
    expect(html).toContain('<em>La Mitis</em>');
    expect(html).toContain('<li>un</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<pre><code>code &lt;b&gt;\n</code></pre>');
    expect(html).toContain('<a href="https://crd-bsl.ca" rel="noopener nofollow ugc">CRD</a>');
  });

  it('turns bare addresses into links with rel="noopener nofollow ugc"', () => {
    expect(renderMarkdown('Voir https://www.quebec.ca/famille').html).toContain(
      '<a href="https://www.quebec.ca/famille" rel="noopener nofollow ugc">https://www.quebec.ca/famille</a>',
    );
  });

  it('links mentions of mentionable members only, and says which', () => {
    const mentionable = new Map([['genevieve.cote', 'Geneviève Côté']]);
    const rendered = renderMarkdown(
      'Merci @genevieve.cote et @inconnu, écrivez à a@genevieve.cote.ca; `@genevieve.cote`',
      mentionable,
    );
    expect(rendered.mentioned).toEqual(['genevieve.cote']);
    expect(rendered.html.match(/class="mention"/g)).toHaveLength(1);
    expect(rendered.html).toContain('<a href="/membres/genevieve.cote" class="mention">@genevieve.cote</a>');
    expect(rendered.html).toContain('@inconnu');
  });
});

describe('mentionCandidates', () => {
  it('finds handles but not email addresses', () => {
    expect(mentionCandidates('@annie.dube et @simon.levesque-2, pas a@b.ca')).toEqual([
      'annie.dube',
      'simon.levesque-2',
    ]);
  });
});

describe('plainText', () => {
  it('keeps the words of rendered Markdown, entities decoded, blocks apart', () => {
    const { html } = renderMarkdown('# Bilan\n\nLes **aînés** & les familles\nde la région\n\n- logement\n- transport');
    expect(plainText(html)).toBe('Bilan Les aînés & les familles de la région logement transport');
  });
});
