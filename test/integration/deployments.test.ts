import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, fixture, tasksIn } from './helpers';

jest.setTimeout(30_000);

const MINIMAL = (key: string, body = '<bpmn:startEvent id="start"/>') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs-${key}" targetNamespace="http://example.org/test">
  <bpmn:process id="${key}" isExecutable="true">
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

describe.each(backends)('deployments (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;
  let kasi: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
    kasi = await signIn(t.system, 'kasi');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const deploy = (agent: Agent, xml: string, name = 'diagram.bpmn') => agent.post('/api/deployments').send({ name, xml });

  describe('versions', () => {
    const v1 = fixture('versioned-v1');
    const v2 = fixture('versioned-v2');

    it('deploys a new key as version 1 (201)', async () => {
      const res = await deploy(owner, v1, 'versioned-v1.bpmn');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        key: 'versioned',
        version: 1,
        id: expect.any(Number),
        name: 'Test: versioned',
        processes: [{ key: 'versioned', version: 1, id: res.body.id, name: 'Test: versioned' }],
      });
    });

    it('answers identical content with the existing version (200), storing nothing new', async () => {
      const first = (await owner.get('/api/process-definitions/versioned/versions')).body;
      const again = await deploy(owner, v1, 'renamed.bpmn');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ key: 'versioned', version: 1, id: first[0].id });
      expect((await owner.get('/api/process-definitions/versioned/versions')).body).toHaveLength(1);
    });

    it('stores changed content as the next version (201)', async () => {
      const res = await deploy(owner, v2, 'versioned-v2.bpmn');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ key: 'versioned', version: 2 });

      const versions = await owner.get('/api/process-definitions/versioned/versions');
      expect(versions.status).toBe(200);
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(versions.body[0]).toMatchObject({ key: 'versioned', version: 1, name: 'Test: versioned', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(versions.body[0].sha256).not.toBe(versions.body[1].sha256);
      expect(versions.body[1].id).toBe(res.body.id);
    });

    it('lets only deployer roles deploy', async () => {
      const res = await deploy(kasi, MINIMAL('dari-kasi'));
      expect(res.status).toBe(403);
      expect((await owner.get('/api/process-definitions/dari-kasi/versions')).status).toBe(404);

      const admin = await signIn(t.system, 'admin-sistem');
      const byAdmin = await deploy(admin, MINIMAL('dari-admin'));
      expect(byAdmin.status).toBe(201);
    });

    it('lists only the latest version of each process, to any signed-in user', async () => {
      const res = await kasi.get('/api/process-definitions');
      expect(res.status).toBe(200);
      const list = res.body as { key: string; version: number }[];
      expect(list.filter((d) => d.key === 'versioned')).toEqual([expect.objectContaining({ key: 'versioned', version: 2 })]);
      expect(new Set(list.map((d) => d.key)).size).toBe(list.length);
    });

    it('serves the exact XML of each version as application/xml', async () => {
      const one = await kasi.get('/api/process-definitions/versioned/versions/1/xml');
      expect(one.status).toBe(200);
      expect(one.headers['content-type']).toMatch(/^application\/xml/);
      expect(one.text).toBe(v1);
      const two = await kasi.get('/api/process-definitions/versioned/versions/2/xml');
      expect(two.text).toBe(v2);
    });

    it('answers 404 for an unknown key or version', async () => {
      const key = await kasi.get('/api/process-definitions/tidak-ada/versions');
      expect(key.status).toBe(404);
      expect(key.body.error).toMatch(/tidak-ada/);
      expect((await kasi.get('/api/process-definitions/tidak-ada/versions/1/xml')).status).toBe(404);
      const version = await kasi.get('/api/process-definitions/versioned/versions/3/xml');
      expect(version.status).toBe(404);
      expect(version.body.error).toMatch(/3/);
    });

    it('keeps a running instance on the version it started with', async () => {
      // A fresh key, so this test controls both versions.
      const k1 = v1.replace(/id="versioned"/, 'id="versioned-run"');
      const k2 = v2.replace(/id="versioned"/, 'id="versioned-run"');
      expect((await deploy(owner, k1)).body.version).toBe(1);
      const started = await kasi.post('/api/process-definitions/versioned-run/start').send({ businessKey: 'V-1' });
      expect(started.status).toBe(201);
      expect(started.body.version).toBe(1);
      const id = started.body.id as string;

      expect((await deploy(owner, k2)).body.version).toBe(2);

      const [verify] = await tasksIn(kasi, id);
      expect(verify.elementId).toBe('verify');
      expect((await kasi.post(`/api/tasks/${verify.id}/claim`).send({})).status).toBe(200);
      expect((await kasi.post(`/api/tasks/${verify.id}/complete`).send({})).status).toBe(200);

      const instance = (await kasi.get(`/api/instances/${id}`)).body;
      expect(instance.version).toBe(1);
      expect(instance.activeElements).toEqual(['answer-v1']);
      const next = await tasksIn(kasi, id);
      expect(next.map((x) => x.elementId)).toEqual(['answer-v1']);

      // A new instance takes version 2, whose next task is kabid's.
      const newer = await kasi.post('/api/process-definitions/versioned-run/start').send({});
      expect(newer.body.version).toBe(2);
    });
  });

  describe('validation', () => {
    const versionsOf = async (key: string) => (await owner.get(`/api/process-definitions/${key}/versions`)).body;

    it('refuses malformed XML, naming the line and column', async () => {
      const xml = MINIMAL('kacau', '<bpmn:startEvent id="start">').replace('</bpmn:process>', '</bpmn:process>');
      // line 4 opens <bpmn:startEvent> without closing it; </bpmn:process> on line 5 is where the parser stops.
      const res = await deploy(owner, xml);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid BPMN');
      expect(res.body.code).toBe('bpmn.invalid');
      expect(res.body.detail).toMatch(/line 5, column \d+/);
      expect((await owner.get('/api/process-definitions/kacau/versions')).status).toBe(404);
    });

    it('counts lines from the start of the submitted text, leading blank lines included', async () => {
      // Without an XML declaration, leading whitespace is well-formed XML; the error is on line 7.
      const xml = `\n\n${MINIMAL('kacau-2', '<bpmn:startEvent id="start">').replace(/^<\?xml[^>]*>\n/, '')}`;
      expect(xml.split('\n').findIndex((l) => l.includes('</bpmn:process>')) + 1).toBe(6);
      const res = await deploy(owner, xml);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/line 6, column/);
    });

    it('accepts a diagram with a byte-order mark or leading blank lines', async () => {
      const bom = await deploy(owner, `\uFEFF${MINIMAL('dengan-bom')}`);
      expect(bom.status).toBe(201);
      const blank = await deploy(owner, `\n\n${MINIMAL('baris-kosong').replace(/^<\?xml[^>]*>\n/, '')}`);
      expect(blank.status).toBe(201);
      expect(blank.body).toMatchObject({ key: 'baris-kosong', version: 1 });
    });

    it('refuses a DTD or entity declaration and stores nothing', async () => {
      const base = fixture('versioned-v1').replace(/id="versioned"/, 'id="dengan-dtd"');
      expect((await deploy(owner, base)).status).toBe(201);
      const before = await versionsOf('dengan-dtd');

      const withEntity = base.replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n',
      ).replace('name="Verify"', 'name="&xxe;"');
      const res = await deploy(owner, withEntity);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/DTD|entity/i);
      expect(res.body.detail).toMatch(/line 2/);
      expect(JSON.stringify(res.body)).not.toMatch(/root:/);

      const onlyEntity = `<!ENTITY lol "lol">\n${MINIMAL('hanya-entity')}`;
      expect((await deploy(owner, onlyEntity)).status).toBe(400);

      expect(await versionsOf('dengan-dtd')).toEqual(before);
      expect((await owner.get('/api/process-definitions/hanya-entity/versions')).status).toBe(404);
    });

    it('refuses a diagram without an executable process', async () => {
      const res = await deploy(owner, MINIMAL('tidak-jalan').replace('isExecutable="true"', 'isExecutable="false"'));
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/executable/);
      expect((await owner.get('/api/process-definitions/tidak-jalan/versions')).status).toBe(404);
    });

    it('refuses a reference to an element that does not exist', async () => {
      const xml = MINIMAL(
        'rujukan-hilang',
        '<bpmn:startEvent id="start"/>\n    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="tidak-ada"/>',
      );
      const res = await deploy(owner, xml);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/unresolved reference/);
      expect(res.body.detail).toMatch(/tidak-ada/);
      expect((await owner.get('/api/process-definitions/rujukan-hilang/versions')).status).toBe(404);
    });

    it('refuses a body without name or xml', async () => {
      const noXml = await owner.post('/api/deployments').send({ name: 'x.bpmn' });
      expect(noXml.status).toBe(400);
      expect(noXml.body.detail).toMatch(/xml/);
      const noName = await owner.post('/api/deployments').send({ xml: MINIMAL('tanpa-nama') });
      expect(noName.status).toBe(400);
      expect(noName.body.detail).toMatch(/name/);
    });

    it('refuses text that is not XML at all', async () => {
      const res = await deploy(owner, 'this is not a diagram');
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid BPMN');
    });
  });
});
