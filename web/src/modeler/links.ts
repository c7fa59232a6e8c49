/** In-app addresses of the modeler's pages (without the leading `#`). */
export const editorHref = (key: string, version?: number): string =>
  `/proses/${encodeURIComponent(key)}${version ? `?v=${version}` : ''}`;

export const compareHref = (key: string, a: number, b: number): string => `/proses/${encodeURIComponent(key)}/banding?a=${a}&b=${b}`;
/** The SOP sheet (Lembar SOP) of one version. */
export const sopSheetHref = (key: string, version: number): string => `/proses/${encodeURIComponent(key)}/sop?v=${version}`;
/** The server's sheet of one version: the HTML shown in the page's frame, and its PDF. */
export const sopSheetApi = (key: string, version: number, pdf = false): string =>
  `/api/process-definitions/${encodeURIComponent(key)}/versions/${version}/sop-sheet${pdf ? '.pdf' : ''}`;

/** The "Pindahkan instans" page, from version `from` to `to` when given. */
export const migrationHref = (key: string, from?: number, to?: number): string =>
  `/proses/${encodeURIComponent(key)}/pindah${from && to ? `?dari=${from}&ke=${to}` : ''}`;
