import type { ReactNode } from 'react';
import { usePopover, type Popover } from './usePopover';

/**
 * A toolbar button and the menu it opens (Display, VR comfort, Weather), one markup for all: the button
 * shows its state, the menu is a named dialog that closes on Escape (usePopover says how focus moves).
 */
export function ToolbarMenu({
  id,
  label,
  button,
  buttonTestId,
  buttonTitle,
  menuTestId,
  menuClass,
  hidden = false,
  children,
}: {
  /** The menu's element id, which the button controls. */
  id: string;
  /** The menu's accessible name. */
  label: string;
  button: ReactNode;
  buttonTestId: string;
  buttonTitle?: string;
  menuTestId: string;
  menuClass?: string;
  hidden?: boolean;
  /** The menu's content; it puts pop.firstRef on its first control. */
  children: (pop: Popover<HTMLInputElement>) => ReactNode;
}) {
  const pop = usePopover(id);
  return (
    <>
      <button
        ref={pop.buttonRef}
        data-testid={buttonTestId}
        hidden={hidden}
        title={buttonTitle}
        className={pop.open ? 'on' : ''}
        onClick={pop.toggle}
        {...pop.buttonProps}
      >
        {button}
      </button>
      {pop.open && !hidden && (
        <div
          className={menuClass ? `popover ${menuClass}` : 'popover'}
          id={id}
          role="dialog"
          aria-label={label}
          data-testid={menuTestId}
          onKeyDown={pop.onKeyDown}
        >
          {children(pop)}
        </div>
      )}
    </>
  );
}
