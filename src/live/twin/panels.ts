import type { ComponentType } from 'react';
import type { StringKey } from '../../i18n/strings';
import { EstimatesPanel } from './EstimatesPanel';
import { QualityPanel } from './QualityPanel';
import { MaintenancePanel } from './MaintenancePanel';
import { RootCausePanel } from './RootCausePanel';

/** A tab of the live twin panel: each twin feature's panel (`src/live/twin/<Feature>Panel.tsx`), one line each. */
export interface TwinTab {
  id: string;
  /** The tab's label: a string key, or the text itself. */
  label: StringKey | string;
  Panel: ComponentType;
}

export const twinTabs: readonly TwinTab[] = [
  { id: 'estimates', label: 'twin.estimates', Panel: EstimatesPanel },
  { id: 'quality', label: 'tw.tab.quality', Panel: QualityPanel },
  { id: 'rootcause', label: 'tw.tab.rootcause', Panel: RootCausePanel },
  { id: 'maintenance', label: 'tw.tab.maintenance', Panel: MaintenancePanel },
];
