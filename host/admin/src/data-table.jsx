// A table of figures with a CSV download of exactly what it shows: both are
// drawn from the same rows of display texts, so they cannot disagree.
import { useT } from "./i18n.js";
import { downloadCsv, toCsv } from "./csv.js";

/**
 * `columns`: `[{ label, numeric? }]`; `rows`: arrays of the cells' texts, in
 * column order. With `csvName` a button downloads `<csvName>.csv`.
 */
export function DataTable({ id, caption, columns, rows, csvName, empty }) {
  const t = useT();
  const header = columns.map((column) => column.label);
  const download = () => downloadCsv(`${csvName}.csv`, toCsv(header, rows));
  return (
    <div class="data-table" id={id}>
      {/* The caption scrolls with a wide table; its visible twin stays in view. */}
      <p class="table-title" aria-hidden="true">
        {caption}
      </p>
      <div class="table-wrap" tabIndex={0} role="group" aria-labelledby={id ? `${id}-caption` : undefined}>
        <table>
          <caption id={id ? `${id}-caption` : undefined} class="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.label} scope="col" class={column.numeric ? "number" : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} class="muted">
                  {empty ?? t("common.noRows")}
                </td>
              </tr>
            ) : (
              rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) =>
                    column === 0 ? (
                      <th key={column} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={column} class={columns[column].numeric ? "number" : undefined}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {csvName ? (
        <p class="table-actions">
          <button type="button" class="button" onClick={download}>
            {t("common.downloadCsv")}
            <span class="visually-hidden">: {caption}</span>
          </button>
        </p>
      ) : null}
    </div>
  );
}
