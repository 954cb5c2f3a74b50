// Tabs as the ARIA pattern has them: arrow keys move between tabs, the
// chosen tab's panel follows.
import { useRef } from "preact/hooks";

export function Tabs({ label, tabs, value, onChange, children }) {
  const list = useRef(null);
  const onKeyDown = (event) => {
    const index = tabs.findIndex(([key]) => key === value);
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length][0];
    onChange(next);
    list.current?.querySelector(`#tab-${next}`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} class="tabs" ref={list} onKeyDown={onKeyDown}>
        {tabs.map(([key, text]) => (
          <button
            key={key}
            id={`tab-${key}`}
            type="button"
            role="tab"
            aria-selected={key === value ? "true" : "false"}
            aria-controls="tab-panel"
            tabIndex={key === value ? 0 : -1}
            class="tab"
            onClick={() => onChange(key)}
          >
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${value}`} class="tab-panel">
        {children}
      </div>
    </>
  );
}
