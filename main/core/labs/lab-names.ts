/** Engine-side names of a lab's resources, the way Docker Compose v2 names them. */
export const containerName = (lab: string, service: string, index: number): string => `${lab}-${service}-${index}`;
export const networkName = (lab: string, net: string): string => `${lab}_${net}`;
export const volumeName = (lab: string, vol: string): string => `${lab}_${vol}`;
