/**
 * The Mutu Baku of one step as the diagrams write it in the element's documentation, one field a
 * line ("Persyaratan/Kelengkapan: …", "Input: …", "Output: …", "Waktu: …", "Keterangan: …");
 * a line without a label continues the field above it. "Keputusan:" and "Data:" speak to the
 * engine (variables), not to the reader of the sheet, and are left out.
 */
export interface StepDocumentation {
  requirement: string;
  input: string;
  output: string;
  time: string;
  remarks: string;
  /** Text before the first label (a free description). */
  description: string;
}

const FIELDS: Record<string, keyof StepDocumentation | null> = {
  'persyaratan/kelengkapan': 'requirement',
  persyaratan: 'requirement',
  kelengkapan: 'requirement',
  input: 'input',
  output: 'output',
  waktu: 'time',
  keterangan: 'remarks',
  ket: 'remarks',
  keputusan: null,
  data: null,
};

const LABEL = /^\s*([A-Za-z/ ]+?)\s*:\s?(.*)$/;
/** A dash alone is how the sheets say "nothing". */
const NOTHING = /^[-–—]*$/;

export function stepDocumentation(text: string): StepDocumentation {
  const out: StepDocumentation = { requirement: '', input: '', output: '', time: '', remarks: '', description: '' };
  let current: keyof StepDocumentation | null = 'description';
  for (const line of text.split(/\r?\n/)) {
    const m = LABEL.exec(line);
    const field = m ? FIELDS[m[1].toLowerCase().replace(/\s+/g, '')] : undefined;
    if (m && field !== undefined) {
      current = field;
      if (current) out[current] = m[2].trim();
    } else if (current && line.trim()) {
      out[current] = out[current] ? `${out[current]}\n${line.trim()}` : line.trim();
    }
  }
  for (const k of Object.keys(out) as (keyof StepDocumentation)[]) if (NOTHING.test(out[k].trim())) out[k] = '';
  return out;
}
