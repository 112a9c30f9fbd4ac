import { Fragment } from 'react';

/**
 * Paths and URLs with line-break opportunities after "/", "?", "&" and "}", so a narrow column wraps them at a
 * separator instead of mid-word ("cockpit.yam|l") or mid-address ("127.0.|0.1").
 */
export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=[/?&}])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
