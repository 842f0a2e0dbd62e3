import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Names what failed, e.g. "The captures screen". */
  label: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps a failing screen or pane from blanking the window: shows the error and a way back. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <strong>{this.props.label} stopped working.</strong>
        <pre className="crash-message">{error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
