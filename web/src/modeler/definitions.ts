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

/** A group beyond the SOP roles, as `GET /api/groups` returns it (process owners and admin-sistem read it). */
export interface GroupOption {
  id: string;
  name: string;
  opdBound: boolean;
  active: boolean;
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
/** A key as a path segment; a missing one is a bug of the caller, never a request for "undefined". */
function keySegment(key: string): string {
  if (typeof key !== 'string' || !key) throw new Error(`process key missing (${String(key)})`);
  return encodeURIComponent(key);
}

export const listVersions = async (key: string) => get<ProcessDefinition[]>(`/api/process-definitions/${keySegment(key)}/versions`);
export const fetchXml = async (key: string, version: number) => {
  if (!Number.isInteger(version)) throw new Error(`process version missing (${String(version)})`);
  return get<string>(`/api/process-definitions/${keySegment(key)}/versions/${version}/xml`);
};
export const listRoles = () => get<RoleInfo[]>('/api/roles');
export const listGroups = () => get<GroupOption[]>('/api/groups');

/**
 * The server answers 200 with the latest version when the content is identical to it, 201 with a
 * new version otherwise. A diagram may hold several processes (Kapuas Hulu's complaint flow and
 * its monthly recap); the outcome is the one of `preferredKey` when the diagram holds it. The
 * versions known just before tell a new version from an unchanged one, also when the process id
 * was changed in the editor.
 */
export async function deploy(name: string, xml: string, preferredKey: string): Promise<DeployOutcome> {
  const before = new Map((await listLatest()).map((d) => [d.key, d.version]));
  const body = await post<DeployedVersion & { processes?: DeployedVersion[] }>('/api/deployments', { name, xml });
  const chosen = body.processes?.find((p) => p.key === preferredKey) ?? body;
  return { id: chosen.id, key: chosen.key, version: chosen.version, name: chosen.name, created: chosen.version > (before.get(chosen.key) ?? 0) };
}
