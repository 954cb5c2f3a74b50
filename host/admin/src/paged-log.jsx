// A log read page by page, newest first: the host answers a page with
// `nextBefore` when older entries remain, and the next page is asked for with
// `before=<nextBefore>`.
import { useState } from "preact/hooks";
import { api } from "./api.js";
import { useT } from "./i18n.js";
import { ErrorMessage, Loading, errorText, useLoad } from "./ui.jsx";

/** How many entries a page holds. */
export const PAGE = 50;

/**
 * Loads the first page from `url(null)` whenever `deps` change, and with
 * `older` the page before the last one loaded, from `url(nextBefore)`.
 * `pages` are all pages loaded so far; a failed `older` is in `failure`.
 */
export function usePagedLog(url, deps) {
  const [more, setMore] = useState([]);
  const [failure, setFailure] = useState(null);
  const first = useLoad((signal) => {
    setMore([]);
    return api.get(url(null), { signal });
  }, deps);
  const last = more.length ? more[more.length - 1] : first.data;
  const older = async () => {
    if (!last?.nextBefore) return;
    try {
      const page = await api.get(url(last.nextBefore));
      setMore((loaded) => [...loaded, page]);
    } catch (error) {
      setFailure(error);
    }
  };
  return { first, pages: [first.data, ...more].filter(Boolean), hasOlder: Boolean(last?.nextBefore), older, failure, setFailure };
}

/**
 * What a paged log shows around its table: a failed request for older entries,
 * a failed first page (with a retry), the loading state, then `children` once
 * the first page is there, and below them the button for older entries.
 */
export function PagedLogBody({ log, moreLabel, children }) {
  const t = useT();
  const { first, failure, hasOlder, older } = log;
  return (
    <>
      {failure ? (
        <p class="notice notice-error" role="alert">
          {errorText(t, failure)}
        </p>
      ) : null}
      <ErrorMessage error={first.error} onRetry={first.reload} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data ? children : null}
      {hasOlder ? (
        <p>
          <button type="button" class="button" onClick={older}>
            {moreLabel}
          </button>
        </p>
      ) : null}
    </>
  );
}
