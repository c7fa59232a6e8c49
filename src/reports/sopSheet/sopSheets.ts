import type { Deployments } from '../../engine/deployments';
import { notFound } from '../../engine/errors';
import { buildSopSheet } from './buildSopSheet';
import type { SopSheet } from './model';
import { sopSheetHtml } from './sopSheetHtml';
import { sopSheetPdf } from './sopSheetPdf';

/** Deployed versions never change, so their sheets are kept; a few dozen are plenty. */
const KEPT = 32;

/** The SOP sheet of each deployed version, as a model, HTML or PDF. */
export class SopSheets {
  private readonly kept = new Map<string, Promise<SopSheet>>();

  constructor(private readonly deployments: Pick<Deployments, 'versionWithXml'>) {}

  async sheet(key: string, version: number): Promise<SopSheet> {
    // Versions are a database integer: a larger number names no version (and must not reach SQL).
    if (version > 2_147_483_647) throw notFound(`process "${key}" has no version ${version}`);
    const id = `${key}\n${version}`;
    let entry = this.kept.get(id);
    if (!entry) {
      entry = this.deployments.versionWithXml(key, version).then((d) => buildSopSheet({ key, version, deployedAt: d.createdAt, xml: d.xml }));
      this.kept.set(id, entry);
      entry.catch(() => this.kept.delete(id));
      if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
    return entry;
  }

  async html(key: string, version: number): Promise<string> {
    return sopSheetHtml(await this.sheet(key, version));
  }

  async pdf(key: string, version: number): Promise<Buffer> {
    return sopSheetPdf(await this.sheet(key, version));
  }
}

/** "sop-sheet-555-05-v2.pdf" style: the key and the version, safe as a file name. */
export const sopSheetFileName = (key: string, version: number) => `lembar-sop-${key.replace(/[^\w.-]+/g, '_')}-v${version}.pdf`;
