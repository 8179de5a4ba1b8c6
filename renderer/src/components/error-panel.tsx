/** What to do about each coded error, in the words of someone who has hit it. */
const ACTIONS: Record<string, string> = {
  ENGINE_UNREACHABLE: 'Start the container engine (Docker or Podman), or pick another endpoint in Settings, then try again.',
  PORT_IN_USE: 'Free the port: stop whatever listens there, or remove the fixed host port from the template so Labdeck picks a free one.',
  IMAGE_MISSING: 'Import the images: `labdeck bundle import F.tar` or `docker load -i F.tar`, or connect to a registry and try again.',
  LAB_EXISTS: 'Open the running lab, stop it first, or start this one under another name.',
  TEMPLATE_INVALID: 'Fix the template at the line and column shown, then try again.',
  SCENARIO_INVALID: 'Fix the scenario at the line and column shown (`labdeck scenarios --check FILE` checks it), then open it again.',
  LAB_UNHEALTHY: 'A service did not become healthy; its last log lines are above. Everything that was created has been removed.',
};

export function ErrorPanel({ error, onDismiss }: { error: { code: string; message: string; hint?: string }; onDismiss?: () => void }) {
  return (
    <section className="notice error" role="alert" aria-label={`Error ${error.code}`}>
      <h2>{error.code.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase())}</h2>
      <pre className="mono error-message">{error.message}</pre>
      <p>
        <strong>What to do: </strong>
        {error.hint ?? ACTIONS[error.code] ?? 'Try again; if it keeps failing, `npx labdeck doctor` shows what Labdeck sees.'}
      </p>
      {onDismiss ? (
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </section>
  );
}
