import { useEffect, useState } from 'react';
import type { ExportFile } from '../../../main/api/schemas/bundles';
import { ConfirmButton } from '../components/confirm-button';
import { api } from '../state/client';
import { mib, problemOf, type Problem } from './upload-bundle';

/** Bundles exported here earlier (in the data folder's exports), each to download again or delete. */
export function ExportList({ version, onDownload, onProblem }: { version: number; onDownload: (name: string) => void; onProblem: (p: Problem) => void }) {
  const [list, setList] = useState<ExportFile[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    api().api['bundles.exports']({}).then(setList, (e) => onProblem(problemOf(e)));
  }, [version, tick, onProblem]);
  if (list.length === 0) return null;
  return (
    <table aria-label="Exported bundles">
      <thead>
        <tr>
          <th scope="col">Bundle</th>
          <th scope="col">Size</th>
          <th scope="col">Made</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {list.map((e) => (
          <tr key={e.name}>
            <td className="mono">{e.name}</td>
            <td>{mib(e.bytes)}</td>
            <td>{new Date(e.created).toLocaleString()}</td>
            <td>
              <button type="button" onClick={() => onDownload(e.name)} aria-label={`Download ${e.name}`}>
                Download
              </button>{' '}
              <ConfirmButton question={`Delete ${e.name}?`} confirmLabel="Delete bundle" onConfirm={() => void api().api['bundles.removeExport']({ name: e.name }).then(() => setTick((t) => t + 1), (err) => onProblem(problemOf(err)))}>
                Delete
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
