/** In-app addresses of the modeler's pages (without the leading `#`). */
export const editorHref = (key: string, version?: number): string =>
  `/proses/${encodeURIComponent(key)}${version ? `?v=${version}` : ''}`;

export const compareHref = (key: string, a: number, b: number): string => `/proses/${encodeURIComponent(key)}/banding?a=${a}&b=${b}`;

/** The "Pindahkan instans" page, from version `from` to `to` when given. */
export const migrationHref = (key: string, from?: number, to?: number): string =>
  `/proses/${encodeURIComponent(key)}/pindah${from && to ? `?dari=${from}&ke=${to}` : ''}`;
