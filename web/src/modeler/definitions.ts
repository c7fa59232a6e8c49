import { get, post } from '../api';

/** One version of a process as `/api/process-definitions…` returns it. */
export interface ProcessDefinition {
  id: number;
  key: string;
  version: number;
  name: string | null;
  deploymentId: number;
  createdAt: string;
}

export interface RoleInfo {
  id: string;
  label: string;
  opdBound: boolean;
}

export interface DeployedVersion {
  id: number;
  key: string;
  version: number;
  name: string | null;
}

/** 201 is a new version; 200 means the server already had this exact content. */
export interface DeployOutcome extends DeployedVersion {
  created: boolean;
}

export const KEY_PATTERN = /^[a-z][a-z0-9-]*$/;

export const listLatest = () => get<ProcessDefinition[]>('/api/process-definitions');
export const listVersions = (key: string) => get<ProcessDefinition[]>(`/api/process-definitions/${encodeURIComponent(key)}/versions`);
export const fetchXml = (key: string, version: number) =>
  get<string>(`/api/process-definitions/${encodeURIComponent(key)}/versions/${version}/xml`);
export const listRoles = () => get<RoleInfo[]>('/api/roles');

/**
 * The server answers 200 with the latest version when the content is identical to it, 201 with a
 * new version otherwise. The versions known just before tell the two apart, also when the diagram's
 * process id was changed in the editor.
 */
export async function deploy(name: string, xml: string): Promise<DeployOutcome> {
  const before = new Map((await listLatest()).map((d) => [d.key, d.version]));
  const body = await post<DeployedVersion>('/api/deployments', { name, xml });
  return { ...body, created: body.version > (before.get(body.key) ?? 0) };
}
