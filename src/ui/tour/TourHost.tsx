import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { automationMode } from '../../app/automationMode';
import { usePlant } from '../../app/PlantConnection';
import { shouldAutoOpen, tourSeen } from './seen';
import { closeTour, openTour, tourStorage, tourStore, useTour } from './tourStore';
import { Tour } from './Tour';
import { HelpPanel } from './HelpPanel';
import './tour.css';

// Mounted once with the toolbar (the page's plant view). Opens the tour by itself on a person's first
// plain visit, closes it when an exercise begins, and draws both overlays on <body> so that no panel's
// stacking order can put them underneath.

export function TourHost() {
  const open = useTour((s) => s.open);
  const phase = usePlant((s) => s.training?.phase ?? null);
  const exerciseActive = phase === 'briefing' || phase === 'running';
  const activeAtLoad = useRef(exerciseActive);

  useEffect(() => {
    const auto = shouldAutoOpen({
      automation: automationMode(),
      webdriver: navigator.webdriver === true,
      search: location.search,
      seen: tourSeen(tourStorage()),
      exerciseActive: activeAtLoad.current,
    });
    if (auto) openTour();
    // once per page load: later visits read the seen flag again
  }, []);

  // an exercise begun (from the tour's own step or elsewhere) ends the tour: never over a running exercise
  useEffect(() => {
    if (exerciseActive && tourStore.getState().open === 'tour') closeTour();
  }, [exerciseActive]);

  if (open === 'none') return null;
  return createPortal(open === 'tour' ? <Tour /> : <HelpPanel />, document.body);
}
