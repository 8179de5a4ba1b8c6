import { describe, expect, it } from 'vitest';
import { labOfTemplate } from './lab-match';

describe('labs of a scenario', () => {
  it('matches a lab to its template by name, folder or file', () => {
    expect(labOfTemplate('redis-streams', 'redis-streams')).toBe(true);
    expect(labOfTemplate('/opt/labdeck/resources/labs/redis-streams/compose.yaml', 'redis-streams')).toBe(true);
    expect(labOfTemplate('C:\\labs\\redis-streams\\compose.yml', 'redis-streams')).toBe(true);
    expect(labOfTemplate('/home/me/labs/redis-streams.yaml', 'redis-streams')).toBe(true);
  });
  it('does not match another template or nothing', () => {
    expect(labOfTemplate('/opt/labs/redis-streams-big/compose.yaml', 'redis-streams')).toBe(false);
    expect(labOfTemplate('/opt/labs/nats-jetstream/compose.yaml', 'redis-streams')).toBe(false);
    expect(labOfTemplate(undefined, 'redis-streams')).toBe(false);
    expect(labOfTemplate('redis-streams', undefined)).toBe(false);
  });
});
