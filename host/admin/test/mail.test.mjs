// The mail page's pure parts, in Node: the settings form checks times of day
// and names as the host does; the editor finds templates by kind and language.

import assert from "node:assert/strict";
import { test } from "node:test";
import { findTemplate, isTimeOfDay, kinds, settingsErrors } from "../src/mail/fields.js";

const REASONS = { shopName: "name", timezone: "zone", time: "time" };

test("a time of day is HH:MM from 00:00 to 23:59", () => {
  for (const good of ["00:00", "08:30", "23:59"]) assert.equal(isTimeOfDay(good), true, good);
  for (const bad of ["24:00", "8:30", "12:60", "12:3", "", "12:30 "]) assert.equal(isTimeOfDay(bad), false, bad);
});

test("the settings form names each field with a problem", () => {
  const good = { shopName: "Beans", timezone: "Europe/Berlin", quietStart: "21:00", quietEnd: "08:00" };
  assert.deepEqual(settingsErrors(good, REASONS), {});
  const bad = { shopName: "  ", timezone: "", quietStart: "9pm", quietEnd: "08:00" };
  assert.deepEqual(settingsErrors(bad, REASONS), { shopName: "name", timezone: "zone", quietStart: "time" });
  assert.deepEqual(settingsErrors({ ...good, shopName: "x".repeat(101) }, REASONS), { shopName: "name" });
});

test("templates are found by kind and language; kinds keep the host's order", () => {
  const list = [
    { kind: "points.expiring", language: "en", subject: "a" },
    { kind: "points.expiring", language: "de", subject: "b" },
    { kind: "digest", language: "en", subject: "c" },
  ];
  assert.equal(findTemplate(list, "points.expiring", "de").subject, "b");
  assert.equal(findTemplate(list, "digest", "de"), undefined);
  assert.deepEqual(kinds(list), ["points.expiring", "digest"]);
});
