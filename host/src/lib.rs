//! The treu host API as a library: the HTTP application (`app::router`), its
//! storage on SQLite or PostgreSQL (`storage`), and the commands of the
//! `treu-host` binary (`commands`), whose `main.rs` only parses the command line.

pub mod account;
pub mod admin_session;
pub mod app;
pub mod clock;
pub mod commands;
pub mod config;
pub mod customers;
pub mod demo;
pub mod events;
pub mod extract;
pub mod guest_orders;
pub mod idempotency;
pub mod idempotency_key;
pub mod identity;
pub mod mail;
pub mod order_events;
pub mod orders;
pub mod platforms;
pub mod preview;
pub mod problem;
pub mod rate_limit;
pub mod reports;
pub mod retry;
pub mod routes;
pub mod seed;
pub mod signature;
pub mod state;
pub mod storage;
pub mod token;
pub mod views;
pub mod webhook_events;

pub use commands::read_program;
