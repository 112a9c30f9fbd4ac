import { ScreenHeader } from '../../components/ScreenHeader';

/** Placeholder until the screen is built. */
export default function RunbooksScreen() {
  return <ScreenHeader title="Runbooks" />;
}
