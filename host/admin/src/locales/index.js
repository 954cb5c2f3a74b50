// Every table of every language, merged per language. One file per area keeps
// each page's texts beside each other and out of the others' way.
import enCommon from "./en/common.js";
import enCustomers from "./en/customers.js";
import enProgram from "./en/program.js";
import enReports from "./en/reports.js";
import enEvents from "./en/events.js";
import enMail from "./en/mail.js";
import deCommon from "./de/common.js";
import deCustomers from "./de/customers.js";
import deProgram from "./de/program.js";
import deReports from "./de/reports.js";
import deEvents from "./de/events.js";
import deMail from "./de/mail.js";

export const en = { ...enCommon, ...enProgram, ...enReports, ...enCustomers, ...enEvents, ...enMail };
export const de = { ...deCommon, ...deProgram, ...deReports, ...deCustomers, ...deEvents, ...deMail };
