//! The dashboard's side of the admin API: a signed-in session (its cookie and
//! CSRF token) and requests made with it.

use super::{Host, Reply, ADMIN_TOKEN};
use serde_json::{json, Value};

/// A signed-in dashboard session.
pub struct Session {
    /// `treu_admin_session=<value>`, as the browser sends it back.
    pub cookie: String,
    pub csrf: String,
    pub name: String,
}

/// Signs in with the admin token as `name`; panics unless it succeeds.
pub fn sign_in(host: &Host, name: &str) -> Session {
    let reply = sign_in_with(host, &json!({ "token": ADMIN_TOKEN, "name": name }), &[]);
    assert_eq!(reply.status, 201, "{}", reply.text);
    super::contract::check("AdminSession", &reply.body);
    let set_cookie = reply.header("set-cookie").expect("a Set-Cookie header");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    Session { cookie, csrf: reply.body["csrfToken"].as_str().unwrap().to_owned(), name: name.to_owned() }
}

/// `POST /v1/admin/session` with `body` and extra headers.
pub fn sign_in_with(host: &Host, body: &Value, headers: &[(&str, &str)]) -> Reply {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    host.call("POST", "/v1/admin/session", &all, Some(&body.to_string()))
}

impl Session {
    /// A request with the cookie, and the CSRF header when `csrf` is true.
    pub fn call(&self, host: &Host, method: &str, path: &str, body: Option<&Value>, csrf: bool) -> Reply {
        let mut headers = vec![("cookie", self.cookie.as_str()), ("content-type", "application/json")];
        if csrf {
            headers.push(("x-csrf-token", self.csrf.as_str()));
        }
        let text = body.map(Value::to_string);
        host.call(method, path, &headers, text.as_deref())
    }

    /// `GET path` with the cookie.
    pub fn get(&self, host: &Host, path: &str) -> Reply {
        self.call(host, "GET", path, None, false)
    }
}

/// `GET path` with the admin token.
pub fn admin_get(host: &Host, path: &str) -> Reply {
    host.get_as(path, ADMIN_TOKEN)
}

/// A request with the admin token.
pub fn admin_call(host: &Host, method: &str, path: &str, body: Option<&Value>) -> Reply {
    let text = body.map(Value::to_string);
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    host.call(method, path, &[("authorization", &bearer), ("content-type", "application/json")], text.as_deref())
}
