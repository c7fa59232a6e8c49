import { districts } from '../../../src/contract/complaints';
import { monthName, t } from '../i18n';
import { periodKinds, quarterName, type RecapForm } from './recapForm';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const QUARTERS = [1, 2, 3, 4];

type Set = (field: keyof RecapForm) => (e: Event) => void;

/** District (for readers of every complaint), period type, and the fields of that type. */
export function PeriodFields({ form, onChange, choosesDistrict }: { form: RecapForm; onChange: (f: RecapForm) => void; choosesDistrict: boolean }) {
  const set: Set = (field) => (e) => onChange({ ...form, [field]: (e.currentTarget as HTMLInputElement).value });
  const choice = (field: keyof RecapForm, label: string, options: [string, string][]) => <Choice field={field} label={label} value={form[field]} options={options} set={set} />;
  const year = (
    <div>
      <label for="r-year">{t('recap.year')}</label>
      <input id="r-year" name="year" type="number" inputMode="numeric" min={2000} max={2100} required value={form.year} onInput={set('year')} />
    </div>
  );
  return (
    <div class="row">
      {choosesDistrict && choice('district', t('recap.district'), districts.map((d) => [d, t(`complaint.district.${d}`)]))}
      {choice('kind', t('recap.kind'), periodKinds.map((k) => [k, t(`recap.kind.${k}`)]))}
      {form.kind === 'bulan' && choice('month', t('recap.month'), MONTHS.map((m) => [String(m), monthName(m)]))}
      {form.kind === 'triwulan' && choice('quarter', t('recap.quarter'), QUARTERS.map((q) => [String(q), quarterName(q)]))}
      {form.kind !== 'rentang' && year}
      {form.kind === 'rentang' && (
        <>
          <div>
            <label for="r-from">{t('recap.from')}</label>
            <input id="r-from" name="from" type="date" required value={form.from} max={form.to || undefined} onInput={set('from')} />
          </div>
          <div>
            <label for="r-to">{t('recap.to')}</label>
            <input id="r-to" name="to" type="date" required value={form.to} min={form.from || undefined} onInput={set('to')} />
          </div>
        </>
      )}
    </div>
  );
}

/** A labelled select of one form field: options as [value, label]. */
function Choice({ field, label, value, options, set }: { field: keyof RecapForm; label: string; value: string; options: [string, string][]; set: Set }) {
  return (
    <div>
      <label for={`r-${field}`}>{label}</label>
      <select id={`r-${field}`} name={field} value={value} onChange={set(field)}>
        {options.map(([v, text]) => (
          <option value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
