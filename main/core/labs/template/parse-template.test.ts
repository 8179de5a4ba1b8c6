import { describe, expect, it } from 'vitest';
import { parseTemplate } from './load-template';

const FILE = '/labs/Redis Streams!/compose.yaml';

function reader(files: Record<string, string>): (name: string) => string {
  return (name) => {
    if (name in files) return files[name];
    throw Object.assign(new Error(`ENOENT: ${name}`), { code: 'ENOENT' });
  };
}

const GOOD = `name: streams
services:
  web:
    image: nginx:1.27
    command: sh -c 'echo "hi there" && nginx -g "daemon off;"'
    entrypoint: ["/docker-entrypoint.sh"]
    environment:
      MODE: lab
      WORKERS: 4
      LABDECK_TEST_ABSENT_VAR: null
    env_file: ./web.env
    ports:
      - "8080:80"
      - "127.0.0.1:8443:443"
      - "5353:53/udp"
      - "9000-9001:9000-9001"
      - 3000
      - { target: 81, published: "8081", protocol: tcp, host_ip: localhost }
    expose: [7000, "7001-7002"]
    depends_on:
      db: { condition: service_healthy }
      cache: { condition: service_started }
    healthcheck:
      test: curl -fsS http://localhost/ || exit 1
      interval: 1m30s
      timeout: 500ms
      retries: 5
      start_period: 2.5s
    deploy:
      resources: { limits: { memory: 512m, cpus: "0.5" } }
    volumes:
      - data:/data
      - ./site:/usr/share/nginx/html:ro
      - /var/cache/nginx
      - { type: tmpfs, target: /tmp, tmpfs: { size: 64m } }
      - { type: volume, source: data, target: /backup, read_only: true }
    configs:
      - nginx_conf
      - { source: nginx_conf, target: /etc/nginx/conf.d/lab.conf, mode: 0440, uid: "101" }
    networks:
      front: { aliases: [www, site] }
      default:
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    read_only: true
    user: "101:101"
    security_opt: ["no-new-privileges:true"]
    labels: ["tier=front", "team=sre"]
    restart: on-failure:3
    stop_grace_period: 1m
    init: true
    working_dir: /srv
    hostname: web1
    extra_hosts: ["host.docker.internal:host-gateway", "gw=10.0.0.1"]
  db:
    image: redis:7.2
    command: ["redis-server", "--appendonly", "yes"]
    environment: ["A=1", "B=x=y"]
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 2s
    mem_limit: 1g
    cpus: 1.5
    deploy: { replicas: 2 }
    extra_hosts: { metrics: 127.0.0.1 }
    labels: { owner: me }
  cache:
    image: redis:7.2
    healthcheck: { disable: true }
    restart: unless-stopped
networks:
  front: { internal: true }
volumes:
  data: {}
configs:
  nginx_conf: { file: ./nginx.conf }
  motd: { content: "welcome" }
x-labdeck:
  title: Redis streams
  description: Producers, consumers and a stuck worker.
  tags: [redis, streams]
  difficulty: intermediate
  resources: { memory: 2g, cpus: 2 }
  scrape_interval: 5s
  metrics:
    - { service: web, port: 9113 }
    - { service: db, port: 9121, path: /probe }
  rules: [alerts.yml]
  dashboards: [overview]
`;

const FILES = { 'web.env': 'FROM_FILE=1\n# comment\nMODE=overridden\nexport QUOTED="two words"\n', 'nginx.conf': 'server {}\n', 'alerts.yml': 'groups: []\n' };

describe('parseTemplate on a full template', () => {
  const t = parseTemplate(GOOD, FILE, reader(FILES));
  const web = t.services.find((s) => s.name === 'web')!;
  const db = t.services.find((s) => s.name === 'db')!;
  const cache = t.services.find((s) => s.name === 'cache')!;

  it('keeps the file, the project name and the meta block', () => {
    expect(t.file).toBe(FILE);
    expect(t.name).toBe('streams');
    expect(t.meta).toEqual({
      title: 'Redis streams',
      description: 'Producers, consumers and a stuck worker.',
      tags: ['redis', 'streams'],
      difficulty: 'intermediate',
      resources: { memoryBytes: 2 * 1024 ** 3, cpus: 2 },
      scrapeIntervalMs: 5000,
      metrics: [
        { service: 'web', port: 9113, path: '/metrics' },
        { service: 'db', port: 9121, path: '/probe' },
      ],
      rules: [{ name: 'alerts.yml', content: 'groups: []\n' }],
      dashboards: ['overview'],
    });
  });

  it('splits command strings into argv and keeps lists', () => {
    expect(web.command).toEqual(['sh', '-c', 'echo "hi there" && nginx -g "daemon off;"']);
    expect(web.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(db.command).toEqual(['redis-server', '--appendonly', 'yes']);
    expect(cache.command).toBeUndefined();
  });

  it('merges env_file under environment and drops unset null values', () => {
    expect(web.environment).toEqual({ FROM_FILE: '1', MODE: 'lab', QUOTED: 'two words', WORKERS: '4' });
    expect(db.environment).toEqual({ A: '1', B: 'x=y' });
  });

  it('expands ports and expose', () => {
    expect(web.ports).toEqual([
      { host: 8080, container: 80, protocol: 'tcp' },
      { host: 8443, container: 443, protocol: 'tcp' },
      { host: 5353, container: 53, protocol: 'udp' },
      { host: 9000, container: 9000, protocol: 'tcp' },
      { host: 9001, container: 9001, protocol: 'tcp' },
      { container: 3000, protocol: 'tcp' },
      { host: 8081, container: 81, protocol: 'tcp' },
    ]);
    expect(web.expose).toEqual([7000, 7001, 7002]);
  });

  it('reads dependencies, healthchecks, limits and replicas', () => {
    expect(web.dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy' },
      { service: 'cache', condition: 'service_started' },
    ]);
    expect(web.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -fsS http://localhost/ || exit 1'], intervalMs: 90_000, timeoutMs: 500, retries: 5, startPeriodMs: 2500 });
    expect(db.healthcheck).toEqual({ test: ['CMD', 'redis-cli', 'ping'], intervalMs: 2000 });
    expect(cache.healthcheck).toEqual({ test: ['NONE'] });
    expect([web.memLimitBytes, web.nanoCpus, web.replicas]).toEqual([512 * 1024 ** 2, 500_000_000, 1]);
    expect([db.memLimitBytes, db.nanoCpus, db.replicas]).toEqual([1024 ** 3, 1_500_000_000, 2]);
  });

  it('reads mounts, configs and networks', () => {
    expect(web.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'bind', source: '/labs/Redis Streams!/site', target: '/usr/share/nginx/html', readOnly: true, createHostPath: true },
      { type: 'volume', target: '/var/cache/nginx', readOnly: false },
      { type: 'tmpfs', target: '/tmp', readOnly: false, tmpfsSizeBytes: 64 * 1024 ** 2 },
      { type: 'volume', source: 'data', target: '/backup', readOnly: true },
    ]);
    expect(web.configs).toEqual([
      { source: 'nginx_conf', target: '/nginx_conf' },
      { source: 'nginx_conf', target: '/etc/nginx/conf.d/lab.conf', mode: 0o440, uid: '101' },
    ]);
    expect(web.networks).toEqual([
      { name: 'front', aliases: ['www', 'site'] },
      { name: 'default', aliases: [] },
    ]);
    expect(db.networks).toEqual([]);
  });

  it('reads the plain settings', () => {
    expect(web).toMatchObject({
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      readOnly: true,
      user: '101:101',
      securityOpt: ['no-new-privileges:true'],
      labels: { tier: 'front', team: 'sre' },
      restart: 'on-failure',
      stopGraceMs: 60_000,
      init: true,
      workingDir: '/srv',
      hostname: 'web1',
      extraHosts: ['host.docker.internal:host-gateway', 'gw:10.0.0.1'],
    });
    expect(db).toMatchObject({ labels: { owner: 'me' }, extraHosts: ['metrics:127.0.0.1'], restart: 'no', init: false, readOnly: false });
    expect(cache.restart).toBe('unless-stopped');
  });

  it('reads the top-level declarations', () => {
    expect(t.networks).toEqual([
      { name: 'default', internal: false },
      { name: 'front', internal: true },
    ]);
    expect(t.volumes).toEqual(['data']);
    expect(t.configs).toEqual([
      { name: 'nginx_conf', content: 'server {}\n' },
      { name: 'motd', content: 'welcome' },
    ]);
    expect(t.unsupported).toEqual([]);
  });
});
