import { ScreenHeader } from '../../components/ScreenHeader';

/** Placeholder until the screen is built. */
export default function TimelineScreen() {
  return <ScreenHeader title="Timeline" />;
}
