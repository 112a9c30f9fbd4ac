import { ScreenHeader } from '../../components/ScreenHeader';

/** Placeholder until the screen is built. */
export default function ReadinessScreen() {
  return <ScreenHeader title="Readiness" />;
}
