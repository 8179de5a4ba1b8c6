import type { IssueSink } from './template-issues';
import type { DocPath } from './yaml-locate';

/**
 * Where a part of the composed model is written. A value taken whole from one file has no `kids`: a path
 * below it is the same path below `path` in that file. A value merged from two files (`extends`) has a kid
 * per key or index, each pointing at the file that gave it.
 */
export interface Origin {
  sink: IssueSink;
  path: DocPath;
  kids?: Map<string | number, Origin>;
}

/** A value of the model with where it is written. */
export interface Tracked {
  value: unknown;
  origin: Origin;
}

export function childOrigin(origin: Origin, seg: string | number): Origin {
  return origin.kids?.get(seg) ?? { sink: origin.sink, path: [...origin.path, seg] };
}

/** The file, and the path in that file, of `rest` below `origin`. */
export function resolveIn(origin: Origin, rest: DocPath): { sink: IssueSink; path: DocPath } {
  let at = origin;
  let i = 0;
  while (i < rest.length && at.kids?.has(rest[i])) at = at.kids.get(rest[i++])!;
  // Past the last merged level, the rest of the path is inside the one file that wrote it.
  return { sink: at.sink, path: [...at.path, ...rest.slice(i)] };
}
