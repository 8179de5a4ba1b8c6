import { describe, expect, it } from 'vitest';
import { dockerfileBases } from './dockerfile-from';

const images = (text: string, args?: Record<string, string>, target?: string) => dockerfileBases(text, args, target).bases.map((b) => [b.line, b.image]);

describe('dockerfileBases', () => {
  it('reads one FROM with its line', () => {
    expect(images('# app\n\nFROM node:20-bookworm-slim\nRUN true\n')).toEqual([[3, 'node:20-bookworm-slim']]);
  });

  it('substitutes ARGs declared before the first FROM, build args over defaults', () => {
    const text = 'ARG NODE=20\nARG FLAVOUR\nFROM node:${NODE}-bookworm-${FLAVOUR:-slim}\nARG NODE=99\nFROM redis:$NODE\n';
    expect(images(text)).toEqual([[3, 'node:20-bookworm-slim'], [5, 'redis:20']]);
    expect(images(text, { NODE: '22', FLAVOUR: 'full' })).toEqual([[3, 'node:22-bookworm-full'], [5, 'redis:22']]);
  });

  it('skips stage names (case-insensitive), scratch and --platform, and joins continuations', () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS Build',
      'RUN go build \\',
      '  -o /app',
      'FROM \\',
      '  scratch',
      'FROM build AS test',
      'FROM alpine:3.20 as final',
      'COPY --from=build /app /app',
    ].join('\n');
    expect(images(text)).toEqual([[1, 'golang:1.22'], [7, 'alpine:3.20']]);
    expect(dockerfileBases(text).stages.map((s) => [s.line, s.stage])).toEqual([[1, 'build'], [4, undefined], [6, 'test'], [7, 'final']]);
  });

  it('stops at the target stage, as the engine builds only up to it', () => {
    expect(images('FROM node:20 AS dev\nFROM nginx:1.27 AS prod\n', {}, 'dev')).toEqual([[1, 'node:20']]);
  });

  it('honours the escape directive', () => {
    expect(images('# escape=`\nFROM `\n  redis:7.2\n')).toEqual([[2, 'redis:7.2']]);
  });
});
