// One section of the program form: a titled card that the form's contents
// list links to.
export function Section({ id, title, intro, actions, children }) {
  return (
    <section class="card program-section" id={`section-${id}`} aria-labelledby={`section-${id}-title`}>
      <div class="section-head">
        <h2 id={`section-${id}-title`}>{title}</h2>
        {actions}
      </div>
      {intro ? <p class="muted section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}
