// CSV as RFC 4180 has it: comma-separated, CRLF line ends, a field quoted
// when it holds a comma, a quote or a line break, quotes inside doubled.

/** One field, quoted when it needs to be. */
export function csvField(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `rows` (arrays of cells) under `header` as CSV text. */
export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Offers `text` as a download named `filename`. The byte-order mark lets
 * spreadsheet programs read the file as UTF-8 (€, umlauts).
 */
export function downloadCsv(filename, text) {
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
