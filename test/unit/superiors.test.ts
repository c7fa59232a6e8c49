import fs from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { superiorOf, supervisedRoles, type RoleId } from '../../src/domain/roles';
import { notifyProperties, timerReason, type ModdleLike } from '../../web/src/modeler/lateTimers';

const dir = path.join(__dirname, '..', '..', 'processes');

function* walk(nodes: ModdleLike[] | undefined): Generator<ModdleLike> {
  for (const n of nodes ?? []) {
    yield n;
    yield* walk(n.flowElements as ModdleLike[] | undefined);
  }
}

describe('the superior chain', () => {
  it('is the one every SOP diagram tells of a late task ("Lewat …" → notify with reason terlambat)', async () => {
    let checked = 0;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      const { rootElement } = await new BpmnModdle({ camunda }).fromXML(fs.readFileSync(path.join(dir, file), 'utf8'), 'bpmn:Definitions');
      const processes = ((rootElement as unknown as { rootElements: ModdleLike[] }).rootElements ?? []).filter((r) => r.$type === 'bpmn:Process');
      for (const el of processes.flatMap((p) => [...walk(p.flowElements as ModdleLike[])])) {
        if (timerReason(el) !== 'terlambat') continue;
        const task = el.attachedToRef as ModdleLike & { candidateGroups?: string };
        const role = String(task.candidateGroups ?? '').split(',')[0].split(':')[0] as RoleId;
        const notice = (el.outgoing as { targetRef: ModdleLike }[])[0].targetRef;
        expect({ file, timer: el.id, told: notifyProperties(notice).notify }).toEqual({ file, timer: el.id, told: superiorOf[role] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(35);
  });

  it('reads backwards into the roles a superior is told about', () => {
    expect(supervisedRoles('kasi')).toEqual(['admin-utama']);
    expect(supervisedRoles('pimpinan-opd')).toEqual(['pejabat-penghubung']);
    expect(supervisedRoles('sekda').sort()).toEqual(['kadis', 'pimpinan-opd', 'tim-koordinasi']);
    expect(supervisedRoles('admin-utama')).toEqual([]);
  });
});
