import type { Snippet } from '@maillage/contracts';
import { Fragment } from 'react';

/** Highlighted text from search: matches in <mark>, the rest as text; never parsed as HTML. */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <>
      {snippet.map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}
