import { EmptyState } from '../components/empty-state';

export function TerminalsPage() {
  return (
    <>
      <h1>Terminals</h1>
      <EmptyState title="No terminals open">
        <p>Terminals open into a container of a running lab, or as a host shell with the lab's DOCKER_HOST and KUBECONFIG.</p>
        <p>Start a lab, then open a terminal from one of its services.</p>
      </EmptyState>
    </>
  );
}
