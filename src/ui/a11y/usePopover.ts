import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * A toolbar button and the popover it opens (Display, VR comfort, Weather): opening puts the focus on the
 * popover's first control; Escape inside it, or a close, gives the focus back to the button.
 */
export interface Popover<F extends HTMLElement> {
  open: boolean;
  toggle: () => void;
  close: () => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
  /** The popover's first control, focused when it opens. */
  firstRef: RefObject<F | null>;
  /** The popover's keydown handler: Escape closes it. */
  onKeyDown: (e: KeyboardEvent) => void;
  /** The button's ARIA state and the popover it controls. */
  buttonProps: { 'aria-expanded': boolean; 'aria-controls': string | undefined };
}

export function usePopover<F extends HTMLElement = HTMLInputElement>(id: string): Popover<F> {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<F>(null);
  useEffect(() => {
    if (open) firstRef.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return {
    open,
    toggle: () => setOpen((o) => !o),
    close,
    buttonRef,
    firstRef,
    onKeyDown: (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault(); // the page's own Escape (faceplate, panel: a11y/focus.ts) waits for the next press
      close();
    },
    buttonProps: { 'aria-expanded': open, 'aria-controls': open ? id : undefined },
  };
}
