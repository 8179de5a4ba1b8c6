/**
 * Whether a running lab was made from a scenario's lab template. Labs record their template as
 * the file they came from (…/labs/redis-streams/compose.yaml) or, for some, the name itself.
 */
export function labOfTemplate(labTemplate: string | undefined, name: string | undefined): boolean {
  if (!labTemplate || !name) return false;
  if (labTemplate === name) return true;
  const parts = labTemplate.split(/[\\/]/).filter(Boolean);
  const file = parts.at(-1) ?? '';
  // a template folder (<name>/compose.yaml) or a file named after it (<name>.yaml)
  return (/^(compose|docker-compose)\.ya?ml$/.test(file) && parts.at(-2) === name) || file.replace(/\.ya?ml$/, '') === name;
}
