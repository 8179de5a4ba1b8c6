import { describe, expect, it } from 'vitest';
import { escapeRegex, expandVariables, valuesRegex, variableRefs } from './expand-variables';

describe('expandVariables', () => {
  it('replaces $service and $instance by the picked value', () => {
    expect(expandVariables('up{service=~"$service", instance=~"$instance"}', { service: 'worker', instance: 'lab-worker-1' })).toBe(
      'up{service=~"worker", instance=~"lab-worker-1"}',
    );
  });

  it('matches everything when nothing (or an empty value) is picked', () => {
    expect(expandVariables('up{service=~"$service"}', {})).toBe('up{service=~".*"}');
    expect(expandVariables('up{service=~"$service"}', { service: '' })).toBe('up{service=~".*"}');
    expect(expandVariables('up{service=~"$service"}', { service: [] })).toBe('up{service=~".*"}');
  });

  it('regex-escapes values, with backslashes doubled for the PromQL string', () => {
    expect(expandVariables('up{instance=~"$instance"}', { instance: 'lab-a.b:9100' })).toBe('up{instance=~"lab-a\\\\.b:9100"}');
    expect(expandVariables('x{service=~"$service"}', { service: 'a(b)|c*' })).toBe('x{service=~"a\\\\(b\\\\)\\\\|c\\\\*"}');
  });

  it('joins several picked values into an alternation', () => {
    expect(expandVariables('up{service=~"$service"}', { service: ['etcd-1', 'etcd-2'] })).toBe('up{service=~"etcd-1|etcd-2"}');
  });

  it('expands the braced form and every occurrence, and leaves unknown names alone', () => {
    expect(expandVariables('a{service=~"${service}"} / b{service=~"$service"} + $other', { service: 'w' })).toBe(
      'a{service=~"w"} / b{service=~"w"} + $other',
    );
  });

  it('does not take a regex anchor for a variable', () => {
    expect(expandVariables('node_filesystem_size_bytes{mountpoint=~"^/$"}', {})).toBe('node_filesystem_size_bytes{mountpoint=~"^/$"}');
    expect(variableRefs('x{mountpoint=~"^/$"}')).toEqual([]);
  });
});

describe('variable helpers', () => {
  it('lists the variables an expression uses, once each', () => {
    expect(variableRefs('a{s=~"$service"} or b{s=~"${service}", i=~"$instance", p=~"$pod"}')).toEqual(['service', 'instance', 'pod']);
  });

  it('escapes every RE2 metacharacter', () => {
    expect(escapeRegex('.*+?^${}()|[]\\')).toBe('\\.\\*\\+\\?\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\');
    expect(valuesRegex(undefined)).toBe('.*');
  });
});
