import { useEffect, useState } from 'react';
import { reportError } from '../store/actions';

/** Copies text to the clipboard and says so for a moment; a refusal (no permission) becomes a toast. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      (error: unknown) => reportError('Could not copy to the clipboard', error),
    );
  };
  return (
    <button type="button" className="btn btn-ghost btn-xs" onClick={copy} aria-label={label} title={label}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
