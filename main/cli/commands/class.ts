import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { LabdeckError } from '../../api/errors';
import { ClassCreateParams, ClassName, ClassStartParams } from '../../api/schemas/classes';
import { exportClassTo } from '../../core/classes/class-handlers';
import { printJson, withCore } from '../with-core';
import { boardText, capacityText, classText } from './class-text';
import { registerClassJoin } from './class-join';

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new LabdeckError('BAD_REQUEST', `${issue.path.join('.') || 'value'}: ${issue.message}`);
}

const positive = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new LabdeckError('BAD_REQUEST', `${flag} takes a whole number of 1 or more, got ${v}`);
  return n;
};

/** `labdeck class create|start|status|end|export`: a classroom on this machine's store. Links are handed out by `labdeck serve --class`. */
export function registerClassCommands(program: Command, waitForExit: (closer: () => Promise<void>) => Promise<void>): void {
  const cls = program.command('class').description('a classroom: a course played by seats, each trainee with its own labs');
  registerClassJoin(cls, waitForExit);
  cls
    .command('create <name>')
    .description('create a class: its course (scenarios or labs, in order) and its seats')
    .requiredOption('--course <steps>', 'scenario or lab names, comma-separated, in order')
    .requiredOption('--seats <n>', 'number of seats', positive('--seats'))
    .option('--minutes <m>', 'time limit', positive('--minutes'))
    .option('--json', 'print JSON')
    .action((name: string, o: { course: string; seats: number; minutes?: number; json?: boolean }) =>
      withCore(async (core) => {
        const p = parsed(ClassCreateParams, { name, course: o.course.split(',').map((s) => s.trim()).filter(Boolean), seats: o.seats, minutes: o.minutes });
        const c = await core.classes.create(p);
        // codes issued here are never shown: `serve --class` issues the links a room uses
        const out = { ...c, seatList: c.seatList.map(({ code: _code, ...s }) => s) };
        if (o.json) return printJson(out);
        process.stdout.write(`${classText(c)}\nseats: ${c.seatList.map((s) => s.id).join(', ')}\nHand out the links: labdeck serve --class ${c.name} [--host <LAN address>]\n`);
      }),
    );
  cls
    .command('start <name>')
    .description("start a class's clock, once its capacity plan fits; pre-warm the first seats' labs")
    .option('--prewarm <n>', "start the labs of the first n seats now (the others' start when they join)", (v) => Number(v))
    .option('--force', "start even when the labs × seats do not fit in the engine's memory")
    .action((name: string, o: { prewarm?: number; force?: boolean }) =>
      withCore(async (core) => {
        const p = parsed(ClassStartParams, { name, force: o.force, prewarm: o.prewarm });
        const started = await core.classes.start(p.name, { force: p.force, prewarm: p.prewarm });
        process.stdout.write(`${classText(started)}\n`);
        if (started.capacity) process.stdout.write(`\n${capacityText(started.capacity)}\n`);
        if (started.prewarmed.length) process.stdout.write(`pre-warming: ${started.prewarmed.join(', ')} (see labdeck status)\n`);
      }),
    );
  cls
    .command('status [name]')
    .description('classes, or one class and its board (seats × steps)')
    .option('--json', 'print JSON')
    .action((name: string | undefined, o: { json?: boolean }) =>
      withCore(async (core) => {
        if (!name) {
          const list = core.classes.list();
          if (o.json) return printJson(list);
          process.stdout.write(list.length ? `${list.map((c) => `${c.name.padEnd(24)} ${c.state.padEnd(8)} ${c.seats} seats  ${c.course.map((s) => s.name).join(' → ')}`).join('\n')}\n` : 'No classes. Create one: labdeck class create NAME --course s1,s2 --seats N\n');
          return;
        }
        const board = await core.classes.board(parsed(ClassName, name));
        const capacity = await core.classes.capacity(board.class.name);
        if (o.json) return printJson({ ...board, capacity });
        process.stdout.write(`${classText(board.class)}\n\n${capacityText(capacity)}\n\n${boardText(board)}\n`);
      }),
    );
  cls
    .command('end <name>')
    .description("end a class: seats join no more, their labs are removed (runs kept for the export)")
    .option('--keep-labs', "leave the seats' labs running")
    .action((name: string, o: { keepLabs?: boolean }) =>
      withCore(async (core) => void process.stdout.write(`${classText(await core.classes.end(parsed(ClassName, name), { keepLabs: o.keepLabs }))}\n`)),
    );
  cls
    .command('export <name>')
    .description("one .tar.gz: every seat's run journals (JSON), reports (HTML), terminal recordings and scores.csv")
    .requiredOption('-o, --output <file>', 'the archive to write')
    .action((name: string, o: { output: string }) =>
      withCore(async (core) => {
        const r = await exportClassTo(core.classExport, parsed(ClassName, name), resolve(o.output));
        process.stdout.write(`${r.file} (${r.bytes} bytes)\n`);
      }),
    );
}
