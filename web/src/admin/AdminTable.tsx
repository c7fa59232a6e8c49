import type { ComponentChildren } from 'preact';

/** A list with one action per row; on phones each row becomes a card (styles.css, `admin-table`). */
export function AdminTable(props: { testId: string; columns: string[]; actionLabel: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table class="admin-table" data-testid={props.testId}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{props.actionLabel}</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
