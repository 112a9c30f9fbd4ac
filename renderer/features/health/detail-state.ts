/**
 * Whether a check's detail is open under its row: the app store keeps which check was picked, and this screen
 * alone knows that Escape (or Close) folded it away. The picked check stays picked, so its chart is not asked for
 * again when the same row is opened once more.
 */
import { create } from 'zustand';

interface DetailState {
  /** The check whose detail was closed; its row shows folded until a row is chosen again. */
  closedKey: string | null;
}

export const useCheckDetail = create<DetailState>(() => ({ closedKey: null }));

export function closeCheckDetail(key: string): void {
  useCheckDetail.setState({ closedKey: key });
}

export function reopenCheckDetail(): void {
  useCheckDetail.setState({ closedKey: null });
}
