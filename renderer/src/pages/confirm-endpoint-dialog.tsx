interface Props {
  endpoint: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The step before Labdeck drives another engine: from the console, the server asks for it
 * (CONFIRMATION_REQUIRED), because whoever holds a console link could otherwise point every lab,
 * terminal and fault at a machine of theirs.
 */
export function ConfirmEndpointDialog({ endpoint, onConfirm, onCancel }: Props) {
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="confirm-endpoint-title" className="dialog">
      <h3 id="confirm-endpoint-title">Use this engine?</h3>
      <p>
        Labdeck will start labs, open terminals and inject faults on the engine at <span className="mono">{endpoint}</span>. Confirm only if it is yours.
      </p>
      <div className="row">
        <button type="button" onClick={onConfirm}>
          Use {endpoint}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
