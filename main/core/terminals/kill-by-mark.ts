/**
 * Neither Docker nor Kubernetes can kill one exec, and closing its stdin or connection does not end
 * a busy program. Every process started from a Labdeck shell inherits LABDECK_TERMINAL=<mark>; this
 * shell script finds them through /proc and sends HUP, then KILL to any left a second later. Needs
 * sh, tr and grep in the image; where they are missing the shell is left to end on its own.
 */
export function killByMarkScript(mark: string): string {
  const each = (signal: string) =>
    `for d in /proc/[0-9]*; do if tr '\\0' '\\n' < "$d/environ" 2>/dev/null | grep -qx 'LABDECK_TERMINAL=${mark}'; then kill -${signal} "\${d#/proc/}" 2>/dev/null; fi; done`;
  return `${each('HUP')}; sleep 1; ${each('KILL')}`;
}
