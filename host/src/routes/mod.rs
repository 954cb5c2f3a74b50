//! HTTP handlers, one file per resource of `docs/openapi.yaml`.

pub mod health;
pub mod program;
