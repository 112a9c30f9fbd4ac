/** Keys of a shortcut, e.g. <Keys keys={['Alt', '1']} />. */
export function Kbd({ children }: { children: string }) {
  return <kbd className="kbd">{children}</kbd>;
}

export function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="keys">
      {keys.map((k, i) => (
        <Kbd key={`${k}-${i}`}>{k}</Kbd>
      ))}
    </span>
  );
}

/** "⌘" on macOS, "Ctrl" elsewhere. */
export const modKey = /mac/i.test(navigator.platform) ? '⌘' : 'Ctrl';
