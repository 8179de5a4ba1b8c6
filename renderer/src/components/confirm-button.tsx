import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ConfirmButtonProps {
  /** The button as it first shows (e.g. Stop). */
  children: ReactNode;
  /** What will happen, asked as a question. */
  question: string;
  /** The button that does it (e.g. Stop lab); focused when the question opens, so Enter confirms. */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}

/**
 * A destructive action behind one question, in place of the button: focus moves to the confirming
 * button (Enter does it), Escape or Cancel puts the button back and focus on it. Inline rather than
 * a modal, so the page under it (a run's timeline, a lab's services) stays readable while deciding.
 */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, disabled, className }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const id = useId();
  useEffect(() => {
    if (open) confirmRef.current?.focus();
    else if (refocus.current) triggerRef.current?.focus();
    refocus.current = false;
  }, [open]);
  const cancel = (): void => {
    refocus.current = true;
    setOpen(false);
  };
  if (!open) {
    return (
      <button ref={triggerRef} type="button" className={className} disabled={disabled} onClick={() => setOpen(true)}>
        {children}
      </button>
    );
  }
  return (
    <span
      role="alertdialog"
      aria-labelledby={id}
      className="confirm-inline"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        cancel();
      }}
    >
      <span id={id}>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        onClick={() => {
          setOpen(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={cancel}>
        Cancel
      </button>
    </span>
  );
}
