import { useState } from 'react';

/** Copies text to the clipboard and says so; says where to copy by hand when the clipboard is refused. */
export function CopyButton({ text, label = 'Copy', className }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button
      type="button"
      className={className}
      onClick={copy}
      title={state === 'failed' ? 'The clipboard refused; select the text and copy it' : undefined}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy refused' : label}
    </button>
  );
}
