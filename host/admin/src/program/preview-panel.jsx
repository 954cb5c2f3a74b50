// The live preview: the storefront's own widgets, in two frames (a guest and
// a sample member), showing the unsaved draft against a sample cart. The
// draft goes to the host (PUT /v1/admin/preview), which serves it to the
// frames at /v1/admin/preview as a storefront API; the cart goes to the
// frames by postMessage.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import { errorText } from "../ui.jsx";
import { SampleCart, loadSampleCart, saveSampleCart } from "./sample-cart.jsx";

/** How long typing pauses before the draft is sent for the preview (not a timing assertion). */
const SEND_AFTER_MS = 400;
const AUDIENCES = ["guest", "member"];

export function PreviewPanel({ draft, valid }) {
  const t = useT();
  const [cart, setCart] = useState(() => loadSampleCart(draft.currency));
  // {token, round}: round counts drafts the host holds, so the frames refresh.
  const [preview, setPreview] = useState(null);
  const [problem, setProblem] = useState(null);
  const frames = useRef({});

  useEffect(() => saveSampleCart(cart), [cart]);

  useEffect(() => {
    if (!valid) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.put("/v1/admin/preview", draft, { signal: controller.signal }).then(
        (answer) => {
          setProblem(null);
          setPreview((previous) => ({ token: answer?.previewToken ?? null, round: (previous?.round ?? 0) + 1 }));
        },
        (error) => error?.name === "AbortError" || setProblem(error),
      );
    }, SEND_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, valid]);

  // A frame asks for its setup when it has loaded; later the draft and the cart follow.
  const latest = useRef({});
  latest.current = { cart, preview, locale: t.locale };
  useEffect(() => {
    const onMessage = (event) => {
      if (event.origin !== location.origin || event.data?.type !== "treu-preview:ready") return;
      const audience = AUDIENCES.find((name) => frames.current[name]?.contentWindow === event.source);
      if (!audience) return;
      const { cart: currentCart, preview: currentPreview, locale } = latest.current;
      event.source.postMessage(
        {
          type: "treu-preview:start",
          token: audience === "member" ? currentPreview?.token : null,
          locale,
          cart: currentCart,
        },
        location.origin,
      );
    };
    addEventListener("message", onMessage);
    return () => removeEventListener("message", onMessage);
  }, []);

  const post = (message) => {
    for (const name of AUDIENCES) frames.current[name]?.contentWindow?.postMessage(message, location.origin);
  };
  useEffect(() => post({ type: "treu-preview:cart", cart }), [cart]);
  useEffect(() => {
    if (preview && preview.round > 1) post({ type: "treu-preview:refresh" });
  }, [preview?.round]);

  const started = preview !== null;
  return (
    <aside class="preview-panel card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("program.preview.title")}</h2>
      <p class="muted">{t("program.preview.intro")}</p>
      <SampleCart cart={cart} onChange={setCart} />
      <p class="preview-state" role="status">
        {problem
          ? errorText(t, problem)
          : !valid
            ? t("program.preview.waiting")
            : started
              ? t("program.preview.showing")
              : t("program.preview.starting")}
      </p>
      {started ? (
        <div class="preview-frames">
          {AUDIENCES.map((audience) => (
            <figure class="preview-frame" key={audience}>
              <figcaption>{t(`program.preview.${audience}`)}</figcaption>
              {audience === "member" && !preview.token ? (
                <p class="muted">{t("program.preview.noMember")}</p>
              ) : (
                <iframe
                  // A new token, language or currency starts the storefront afresh.
                  key={`${audience}-${preview.token}-${t.locale}-${cart.currency}`}
                  ref={(element) => {
                    frames.current[audience] = element;
                  }}
                  src={`/admin/preview.html#${audience}`}
                  title={t(`program.preview.frame.${audience}`)}
                  data-audience={audience}
                />
              )}
            </figure>
          ))}
        </div>
      ) : null}
    </aside>
  );
}
