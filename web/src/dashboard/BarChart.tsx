import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { t } from '../i18n';

// Only what a bar chart needs, so the bundle leaves the rest of chart.js out.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar {
  label: string;
  count: number;
}

/**
 * One bar chart with its numbers as a table: the canvas is a picture (summarised in its label),
 * the table is what a screen reader or a keyboard user reads.
 */
export function BarChart({ id, title, bars, colour }: { id: string; title: string; bars: Bar[]; colour: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || bars.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: bars.map((b) => b.label), datasets: [{ label: title, data: bars.map((b) => b.count), backgroundColor: colour }] },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(bars), title, colour]);
  const summary = t('dashboard.summary', { title, items: bars.map((b) => `${b.label} ${b.count}`).join(', ') || t('dashboard.empty') });
  return (
    <figure class="card dash-chart" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      {bars.length === 0 ? (
        <p class="muted">{t('dashboard.empty')}</p>
      ) : (
        <div class="dash-canvas" style={{ height: `${Math.max(160, bars.length * 36 + 60)}px` }}>
          <canvas ref={canvas} role="img" aria-label={summary} />
        </div>
      )}
      {bars.length > 0 && (
        <details>
          <summary>{t('dashboard.table')}</summary>
          <table data-testid={`table-${id}`}>
            <caption class="dash-sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.category')}</th>
                <th scope="col">{t('dashboard.count')}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr>
                  <th scope="row">{b.label}</th>
                  <td>{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
