import { Component, type ReactNode } from 'react';
import { useT } from '../state/ui';
import './panelBoundary.css';

/** The short note in a panel's place when its code could not be loaded; the retry loads it afresh. */
export function PanelFailed({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <div className="panel-failed" role="alert" data-testid="panel-failed">
      <span>{t('start.panelFailed')}</span>
      <button type="button" onClick={onRetry}>
        {t('start.retry')}
      </button>
    </div>
  );
}

interface Props {
  children: ReactNode;
  /** A change (another panel chosen) clears the failure: the new panel gets its own try. */
  resetKey?: unknown;
  /** Inside the 3D scene no page element can be drawn: the failed part is then left out. */
  inScene?: boolean;
}

/**
 * Catches a lazily loaded part that failed to load (or threw while drawing), so that it, not the whole page,
 * goes: an exercise in progress keeps running. Wraps each Suspense of the panels, the faceplate and the debrief.
 */
export class PanelBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidUpdate(prev: Props): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  componentDidCatch(error: unknown): void {
    console.warn('a panel could not be shown', error);
  }

  private readonly retry = (): void => this.setState({ failed: false });

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return this.props.inScene ? null : <PanelFailed onRetry={this.retry} />;
  }
}
