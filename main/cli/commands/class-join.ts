import type { Command } from 'commander';
import { LabdeckError } from '../../api/errors';
import { parseJoinLink } from '../../core/spokes/hub-address';
import { seatSession, seatView } from '../../core/spokes/hub-client';
import { SpokeLink } from '../../core/spokes/spoke-link';
import { withCore } from '../with-core';

/**
 * `labdeck class join URL`: this machine becomes a spoke of the trainer's class. The course comes
 * from the hub; the labs run on this machine's engine; the seat's run events (checks, hints,
 * scores, notes; never terminal output) go to the trainer's board over one connection, kept up
 * until Ctrl-C. The course's scenarios must be on this machine already (a bundle the trainer hands out).
 */
export function registerClassJoin(cls: Command, waitForExit: (closer: () => Promise<void>) => Promise<void>): void {
  cls
    .command('join <link>')
    .description("join a trainer's class from this machine: play its course on your own engine, your seat's progress shown on the trainer's board")
    .option('--fingerprint <sha256>', "the trainer's HTTPS certificate fingerprint, as `labdeck serve` printed it (when the link has no fp=)")
    .action((link: string, o: { fingerprint?: string }) =>
      withCore(async (core) => {
        const hub = parseJoinLink(link, o.fingerprint);
        const token = await seatSession(hub);
        const view = await seatView(hub, token);
        const have = new Set((await core.scenarios.list()).map((s) => s.name));
        const missing = view.class.course.filter((s) => s.kind === 'scenario' && !have.has(s.name)).map((s) => s.name);
        if (missing.length)
          throw new LabdeckError('SCENARIO_NOT_FOUND', `the course needs scenario(s) this machine does not have: ${missing.join(', ')}`, {
            hint: 'Import the course bundle the trainer hands out (`labdeck bundle import F --pub KEY`), then join again.',
          });
        const join = core.spokeOutbox.join({ hub: hub.origin, seat: view.seat, className: view.class.name, course: view.class.course, fingerprint: hub.fingerprint });
        core.spokeOutbox.copy(join.id);
        process.stdout.write(
          `Joined class ${view.class.name} as seat ${view.seat} (hub ${hub.origin}${hub.fingerprint ? `, certificate ${hub.fingerprint}` : ''}).\n` +
            `Course: ${view.class.course.map((s) => s.name).join(' → ')}\n` +
            `Play it on this machine (e.g. \`labdeck run ${view.class.course[0]!.name}\` or the console): runs started from now on report their checks, hints, scores and notes to the trainer's board. Terminal output is not sent.\n` +
            'Keep this running; Ctrl-C leaves (what is not yet sent goes on the next join).\n',
        );
        const spoke = new SpokeLink({ hub, join, outbox: core.spokeOutbox, token, log: (line) => process.stderr.write(`labdeck: ${line}\n`) });
        spoke.start();
        let stop: () => void = () => undefined;
        const left = new Promise<void>((resolve) => (stop = resolve));
        const refused = spoke.done.then((why) => {
          stop();
          return why;
        });
        await Promise.race([waitForExit(async () => spoke.stop()), left]);
        spoke.stop();
        const why = await refused;
        process.stdout.write(`Left class ${view.class.name}: ${spoke.acked} event(s) acknowledged by the hub.\n`);
        if (why) throw why;
      }),
    );
}
