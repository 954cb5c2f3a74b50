// The Shopify app embed block (platforms/shopify/extensions/treu-embed/blocks/treu.liquid)
// rendered with liquidjs, as Shopify renders it into a storefront page's <head>.

import { readFileSync } from "node:fs";
import { Liquid } from "liquidjs";

const source = readFileSync(new URL("../../platforms/shopify/extensions/treu-embed/blocks/treu.liquid", import.meta.url), "utf8");
const engine = new Liquid({ strictFilters: true });
// `{% schema %}` is Shopify's: the theme editor reads it, the page never shows it.
engine.registerTag("schema", {
  parse(_token, remaining) {
    for (let token = remaining.shift(); token; token = remaining.shift()) {
      if (token.name === "endschema") return;
    }
    throw new Error("{% schema %} without {% endschema %}");
  },
  render() {
    return "";
  },
});
const template = engine.parse(source);

/** The schema's settings with their defaults, as the theme editor stores them for a new embed. */
export const schema = JSON.parse(/{% schema %}([\s\S]*){% endschema %}/.exec(source)[1]);

/**
 * The block's HTML for a page of a shop: `settings` as the merchant set them
 * (defaults from the schema otherwise), `customer` the signed-in customer or
 * null, `locale` and `currency` the storefront's.
 */
export function renderAppEmbed({ settings = {}, customer = null, locale = "en", currency = "EUR" } = {}) {
  const defaults = Object.fromEntries(schema.settings.filter((s) => "default" in s).map((s) => [s.id, s.default]));
  return engine.renderSync(template, {
    block: { settings: { ...defaults, ...settings } },
    customer,
    request: { locale: { iso_code: locale } },
    cart: { currency: { iso_code: currency } },
    routes: { account_register_url: "/account/register", account_login_url: "/account/login" },
  });
}
