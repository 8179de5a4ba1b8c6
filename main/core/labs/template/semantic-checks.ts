import { PROMETHEUS_SERVICE, RESERVED_SERVICE_PREFIX } from '../../monitoring/prometheus-config';
import type { NormalisedService } from './normalise-service';
import type { TemplateContext } from './template-context';
import { formatPath, type DocPath } from './yaml-locate';

const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** What the template declares at top level, for checking references. */
export interface Declared {
  volumes: Set<string>;
  networks: Set<string>;
  configs: Set<string>;
  secrets: Set<string>;
}

function checkNames(services: NormalisedService[], ctx: TemplateContext): void {
  for (const { spec, origins } of services) {
    if (spec.name.toLowerCase().startsWith(RESERVED_SERVICE_PREFIX)) {
      ctx.sink.error(origins.self, `service name ${spec.name} starts with \`${RESERVED_SERVICE_PREFIX}\`, which Labdeck keeps for the services it adds (${PROMETHEUS_SERVICE})`, {
        key: true,
        hint: `Rename the service (e.g. ${spec.name.slice(RESERVED_SERVICE_PREFIX.length) || 'app'}) and the depends_on entries naming it`,
      });
    }
    if (spec.containerName !== undefined) {
      const other = services.find((o) => o !== services.find((x) => x.spec === spec) && (o.spec.name === spec.containerName || o.spec.containerName === spec.containerName));
      const at = [...origins.self, 'container_name'];
      if (other) ctx.sink.error(at, `container_name ${spec.containerName} is also the name of service ${other.spec.name}`, { hint: 'Give each container_name once, different from every service name' });
      if (spec.containerName.toLowerCase().startsWith(RESERVED_SERVICE_PREFIX)) ctx.sink.error(at, `container_name ${spec.containerName} starts with \`${RESERVED_SERVICE_PREFIX}\`, which Labdeck keeps for the services it adds`, { hint: 'Choose another container_name' });
      if (spec.replicas > 1) ctx.sink.error(at, `service ${spec.name} has ${spec.replicas} replicas but one container_name`, { hint: 'Remove container_name, or use one replica' });
    }
    spec.networks.forEach((n, i) => {
      const taken = n.aliases.find((a) => a.toLowerCase().startsWith(RESERVED_SERVICE_PREFIX));
      if (taken) ctx.sink.error(origins.networks[i], `alias ${taken} starts with \`${RESERVED_SERVICE_PREFIX}\`, which Labdeck keeps for the services it adds`, { hint: 'Choose another alias' });
    });
    if (!SERVICE_NAME.test(spec.name)) {
      ctx.sink.error(origins.self, `service name ${JSON.stringify(spec.name)} must start with a letter or digit and contain only letters, digits, \`_\`, \`.\` and \`-\``, { key: true });
    }
  }
}

/** Unknown dependencies, and every dependency cycle named in order: `a -> b -> a`. */
function checkDependencies(services: NormalisedService[], ctx: TemplateContext): void {
  const byName = new Map(services.map((s) => [s.spec.name, s]));
  for (const { spec, origins } of services) {
    spec.dependsOn.forEach((dep, i) => {
      if (byName.has(dep.service)) return;
      const via = origins.dependsOn[i].at(-1);
      if (via === 'network_mode' || via === 'pid') {
        ctx.sink.error(origins.dependsOn[i], `${via}: service:${dep.service} names ${dep.service}, which is not a service of this lab`, { hint: `Name a service of this template (${[...byName.keys()].join(', ')})` });
      } else {
        ctx.sink.error(origins.dependsOn[i], `depends_on names ${dep.service}, which is not a service of this template`, { key: true });
      }
    });
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    const node = byName.get(name)!;
    node.spec.dependsOn.forEach((dep, i) => {
      if (!byName.has(dep.service)) return;
      const seen = state.get(dep.service);
      if (seen === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(dep.service)), dep.service];
        const id = [...new Set(cycle)].sort().join('|');
        if (!reported.has(id)) {
          reported.add(id);
          ctx.sink.error(node.origins.dependsOn[i], `dependency cycle: ${cycle.join(' -> ')}`, { key: true });
        }
      } else if (seen === undefined) {
        visit(dep.service);
      }
    });
    stack.pop();
    state.set(name, 'done');
  };
  for (const { spec } of services) if (!state.has(spec.name)) visit(spec.name);
}

/** A host port (per protocol) may be published once across the template, and not by a replicated service. */
function checkHostPorts(services: NormalisedService[], ctx: TemplateContext): void {
  const taken = new Map<string, { service: string; path: DocPath }>();
  for (const { spec, origins } of services) {
    spec.ports.forEach((port, i) => {
      if (port.host === undefined) return;
      const id = `${port.host}/${port.protocol}`;
      const first = taken.get(id);
      if (first) {
        ctx.sink.error(origins.ports[i], `host port ${id} is already published by service ${first.service} (${formatPath(first.path)})`);
        return;
      }
      taken.set(id, { service: spec.name, path: origins.ports[i] });
      if (spec.replicas > 1) {
        ctx.sink.error(origins.ports[i], `service ${spec.name} has ${spec.replicas} replicas but publishes the fixed host port ${id}; drop the host port`);
      }
    });
  }
}

function checkReferences(services: NormalisedService[], declared: Declared, ctx: TemplateContext): void {
  for (const { spec, origins } of services) {
    spec.mounts.forEach((mount, i) => {
      if (mount.type === 'volume' && mount.source && !declared.volumes.has(mount.source)) {
        ctx.sink.error(origins.mounts[i], `named volume ${mount.source} is not declared in the top-level \`volumes:\``);
      }
    });
    spec.configs.forEach((config, i) => {
      if (!declared.configs.has(config.source)) ctx.sink.error(origins.configs[i], `config ${config.source} is not declared in the top-level \`configs:\``);
    });
    spec.secrets.forEach((secret, i) => {
      if (!declared.secrets.has(secret.source)) ctx.sink.error(origins.secrets[i], `secret ${secret.source} is not declared in the top-level \`secrets:\``);
    });
    spec.networks.forEach((network, i) => {
      if (network.name !== 'default' && !declared.networks.has(network.name)) {
        ctx.sink.error(origins.networks[i], `network ${network.name} is not declared in the top-level \`networks:\``, { key: true });
      }
    });
  }
}

function checkMetrics(services: NormalisedService[], metrics: { service: string }[], origins: DocPath[], ctx: TemplateContext): void {
  const names = new Set(services.map((s) => s.spec.name));
  metrics.forEach((target, i) => {
    if (!names.has(target.service)) ctx.sink.error(origins[i], `metrics names ${target.service}, which is not a service of this template`);
  });
}

/** Checks across services and blocks that the schema cannot express. */
export function runSemanticChecks(
  services: NormalisedService[],
  declared: Declared,
  metrics: { targets: { service: string }[]; origins: DocPath[] },
  ctx: TemplateContext,
): void {
  if (services.length === 0) ctx.sink.error(['services'], 'the template has no services', { key: true });
  checkNames(services, ctx);
  checkDependencies(services, ctx);
  checkHostPorts(services, ctx);
  checkReferences(services, declared, ctx);
  checkMetrics(services, metrics.targets, metrics.origins, ctx);
}
