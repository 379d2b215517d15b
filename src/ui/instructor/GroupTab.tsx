import { useSession } from '../../session/useSession';
import { useRunSummaries } from '../debrief/useRuns';
import { GroupProgressView } from './GroupProgressView';

/** The console's group tab: this browser's records and the station's for the instructor's token. */
export function GroupTab() {
  const token = useSession((s) => s.me.token);
  const local = useRunSummaries(true);
  return <GroupProgressView local={local ?? []} token={token || undefined} />;
}
