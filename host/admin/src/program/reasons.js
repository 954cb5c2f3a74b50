// The engine's reasons (src/engine/*.rs, `errors.require`/`errors.push`, and
// serde's messages about the JSON's shape) in the merchant's language. The
// engine speaks English; this table is keyed by its exact English text, with
// patterns for the reasons that carry a value. A reason not in the table
// shows in English, so a new engine message is never hidden.

const DE_EXACT = {
  "must not be empty": "darf nicht leer sein",
  "must not be empty when given": "darf nicht leer sein, wenn angegeben",
  "must not be negative": "darf nicht negativ sein",
  "must not be negative (minor units)": "darf nicht negativ sein",
  "must be at least 1": "muss mindestens 1 sein",
  "has a rule already": "hat schon eine Regel",
  "must be after startsAt": "muss nach dem Beginn liegen",
  "a campaign needs a percent above 100 or bonusPoints, else it gives nothing":
    "Eine Kampagne braucht einen Prozentsatz über 100 oder Bonuspunkte, sonst bringt sie nichts",
  "percentOff needs a percent from 1 to 100; other kinds take none":
    "Prozentrabatt braucht einen Prozentsatz von 1 bis 100; andere Arten haben keinen",
  "amountOff needs an amount above 0 (minor units); other kinds take none":
    "Betragsrabatt braucht einen Betrag über 0; andere Arten haben keinen",
  "freeProduct needs a productId; other kinds take none":
    "Gratisprodukt braucht eine Produkt-ID; andere Arten haben keine",
  "only amountOff options can be stepped": "nur Betragsrabatte können gestaffelt sein",
  "only for stepped options: a whole number of steps, at least one":
    "nur bei gestaffelten Prämien: eine ganze Zahl von Stufen, mindestens eine",
  "must be at least the cost (minPoints) and, when stepped, a whole number of steps":
    "muss mindestens die Kosten (Mindestpunkte) betragen und, wenn gestaffelt, eine ganze Zahl von Stufen sein",
  "is used by another multiplier": "wird schon von einem anderen Multiplikator verwendet",
  "is used by another campaign": "wird schon von einer anderen Kampagne verwendet",
  "is used by another option": "wird schon von einer anderen Prämie verwendet",
  "is used by another level": "wird schon von einer anderen Stufe verwendet",
  "is used by another segment": "wird schon von einem anderen Segment verwendet",
  "is used by another offer": "wird schon von einem anderen Angebot verwendet",
  "must not be empty: shoppers see it": "darf nicht leer sein: Kundinnen und Kunden sehen ihn",
  "a segment needs a condition (products, collections, stages, tiers or minimumSpend)":
    "Ein Segment braucht eine Bedingung (Produkte, Kollektionen, Phasen, Stufen oder Mindestumsatz)",
  "list at least one product or collection": "mindestens ein Produkt oder eine Kollektion angeben",
  "list at least one level": "mindestens eine Stufe angeben",
  "must be longer than atRiskAfterDays and at most 36500":
    "muss länger als „gefährdet nach“ sein und höchstens 36500 Tage",
  "must be greater than 0 (minor units); only a tier's threshold may be 0":
    "muss größer als 0 sein; nur die Schwelle einer VIP-Stufe darf 0 sein",
  "rolling needs rollingDays from 1 to 36500; other periods take none":
    "ein gleitender Zeitraum braucht 1 bis 36500 Tage; andere Zeiträume haben keine",
  "must not be negative and must be above the previous level's":
    "darf nicht negativ sein und muss über der Schwelle der vorigen Stufe liegen",
  "must be whole Unix seconds within the years 0 to 9999":
    "muss ganze Unix-Sekunden innerhalb der Jahre 0 bis 9999 sein",
  "must be an object": "muss ein Objekt sein",
  "must be a list": "muss eine Liste sein",
  "must be a whole number": "muss eine ganze Zahl sein",
  // src/engine/text.rs: the limits on names and ids.
  "must be at most 80 characters": "darf höchstens 80 Zeichen lang sein",
  "must be at most 64 characters": "darf höchstens 64 Zeichen lang sein",
  "must not contain control characters (line breaks, tabs, NUL)":
    "darf keine Steuerzeichen enthalten (Zeilenumbrüche, Tabulatoren, NUL)",
  "must not be only spaces": "darf nicht nur aus Leerzeichen bestehen",
};

/** What serde says it expected, in German. */
const DE_EXPECTED = {
  i64: "eine ganze Zahl",
  u64: "eine ganze Zahl ab 0",
  u32: "eine ganze Zahl ab 0",
  i32: "eine ganze Zahl",
  "a string": "einen Text",
  "a boolean": "wahr oder falsch",
  "a sequence": "eine Liste",
  "a map": "ein Objekt",
};
const expected = (text) =>
  DE_EXPECTED[text] ?? (/^struct /.test(text) ? "ein Objekt" : /^a sequence/.test(text) ? "eine Liste" : text);

const DE_PATTERNS = [
  [/^must be from (-?\d+) to (-?\d+)$/, (m) => `muss zwischen ${m[1]} und ${m[2]} liegen`],
  [/^must be from (-?\d+) to (-?\d+) \(minor units\)$/, (m) => `muss zwischen ${m[1]} und ${m[2]} liegen (kleinste Währungseinheit)`],
  [/^must be from 100 \(no extra points\) to (\d+)$/, (m) => `muss zwischen 100 (keine Extrapunkte) und ${m[1]} liegen`],
  [/^must be from 101 to (\d+) \(200 = double points\)$/, (m) => `muss zwischen 101 und ${m[1]} liegen (200 = doppelte Punkte)`],
  [
    /^must be from 1 to (\d+) and longer than returnWindowDays$/,
    (m) => `muss zwischen 1 und ${m[1]} liegen und länger als die Rückgabefrist sein`,
  ],
  [/^must be between (\d+) and (\d+)$/, (m) => `muss zwischen ${m[1]} und ${m[2]} liegen`],
  [/^must be (\d+), found (-?\d+)$/, (m) => `muss ${m[1]} sein, ist aber ${m[2]}`],
  [/^(\w{3}) has a rate already$/, (m) => `${m[1]} hat schon einen Satz`],
  [/^(\S+) has a threshold for this market and tier already$/, (m) => `${m[1]} hat für diesen Markt und diese Stufe schon eine Schwelle`],
  [/^"(.*)" is not a level in program\.tiers\.levels$/, (m) => `„${m[1]}“ ist keine der VIP-Stufen`],
  [/^"(.*)" is not a segment in program\.segments$/, (m) => `„${m[1]}“ ist keines der Segmente`],
  [/^must list at most (\d+) entries$/, (m) => `darf höchstens ${m[1]} Einträge haben`],
  [/^"(.*)" is not an ISO 4217 currency code \(expected e\.g\. "EUR"\)$/, (m) => `„${m[1]}“ ist kein ISO-4217-Währungscode (z. B. „EUR“)`],
  [
    /^"(.*)" is not an RFC 3339 time such as "(.*)"$/,
    (m) => `„${m[1]}“ ist keine RFC-3339-Zeit wie „${m[2]}“`,
  ],
  [/^(-?\d+) is outside the years 0 to 9999$/, (m) => `${m[1]} liegt außerhalb der Jahre 0 bis 9999`],
  [/^missing field `(.+)`$/, (m) => `Pflichtfeld „${m[1]}“ fehlt`],
  [/^duplicate field `(.+)`$/, (m) => `Feld „${m[1]}“ kommt doppelt vor`],
  [/^unknown field `(.+?)`, (?:expected|there are no fields)(.*)$/, (m) => `unbekanntes Feld „${m[1]}“${m[2] ? `; erlaubt:${m[2].replace(/^ one of/, "")}` : ""}`],
  [/^unknown variant `(.+?)`, expected (?:one of )?(.*)$/, (m) => `unbekannter Wert „${m[1]}“; erlaubt: ${m[2]}`],
  [/^invalid type: (.+?), expected (.+)$/, (m) => `falscher Typ (${m[1]}), erwartet: ${expected(m[2])}`],
  [/^invalid value: (.+?), expected (.+)$/, (m) => `ungültiger Wert (${m[1]}), erwartet: ${expected(m[2])}`],
  [/^is not plain JSON data: (.*)$/, (m) => `ist kein reines JSON: ${m[1]}`],
];

const TABLES = { de: { exact: DE_EXACT, patterns: DE_PATTERNS } };

/** `reason` (the engine's English) in `language`; English where there is no entry. */
export function translateReason(reason, language) {
  const table = TABLES[language];
  const text = String(reason ?? "");
  if (!table) return text;
  if (text in table.exact) return table.exact[text];
  for (const [pattern, render] of table.patterns) {
    const match = pattern.exec(text);
    if (match) return render(match);
  }
  return text;
}
