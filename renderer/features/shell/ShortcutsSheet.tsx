import { Dialog } from '../../components/Dialog';
import { Keys, modKey } from '../../components/Kbd';
import { shortcutDocs } from '../../lib/shortcuts';
import { useStore } from '../../store';
import { selectDialog } from '../../store/selectors';

/** The "?" sheet: every keyboard shortcut, from the same table the key handler uses. */
export function ShortcutsSheet() {
  const open = useStore(selectDialog) === 'shortcuts';
  const close = useStore((s) => s.closeDialog);
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={close}>
      <table className="shortcuts">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <tbody>
          {shortcutDocs(modKey).map((doc) => (
            <tr key={doc.what}>
              <td>{doc.what}</td>
              <td className="shortcuts-keys">
                <Keys keys={doc.keys} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
