//! What every handler can reach: the store, the settings, the program in
//! force, the rate limiters and the preview drafts.

use crate::preview::Previews;
use crate::problem::Problem;
use crate::rate_limit::RateLimiter;
use crate::storage::{programs, Backend, Store, StoredProgram};
use std::sync::{Arc, RwLock};

/// Secrets and settings from the configuration.
pub struct Settings {
    /// Verifies customer tokens, and webhook signatures unless `webhook_secret` is set.
    pub shop_secret: Option<String>,
    /// Verifies `Treu-Signature` alone, so a leak on the platform's side cannot mint shoppers.
    pub webhook_secret: Option<String>,
    pub admin_token: Option<String>,
    /// The storefront URL referral links point to.
    pub shop_url: String,
    /// Shopify and WooCommerce secrets and choices.
    pub platforms: crate::platforms::PlatformSettings,
}

impl Settings {
    /// The secret `Treu-Signature` is made with: its own, else the shop secret.
    pub fn webhook_secret(&self) -> Option<&str> {
        self.webhook_secret.as_deref().or(self.shop_secret.as_deref())
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    /// The program in force, kept in memory; replaced when the merchant saves
    /// one, and on PostgreSQL when another host saved a newer version.
    pub program: Arc<RwLock<Option<StoredProgram>>>,
    pub limiter: Arc<RateLimiter>,
    /// Failed dashboard sign-ins per client IP.
    pub sign_ins: Arc<RateLimiter>,
    /// Draft programs of the dashboard's preview, per session.
    pub previews: Arc<Previews>,
}

impl AppState {
    /// The state of a host on `store` with `settings`, `program` in force and
    /// `rate_limit` requests per minute (0: off).
    pub fn new(store: Store, settings: Settings, program: Option<StoredProgram>, rate_limit: u32) -> AppState {
        AppState {
            store,
            settings: Arc::new(settings),
            program: Arc::new(RwLock::new(program)),
            limiter: Arc::new(RateLimiter::new(rate_limit)),
            sign_ins: Arc::new(RateLimiter::per_window(
                crate::admin_session::SIGN_IN_FAILURES,
                crate::admin_session::SIGN_IN_WINDOW,
            )),
            previews: Arc::default(),
        }
    }

    /// The program in force, or 404 `no-program`.
    ///
    /// On SQLite this host is the only writer, so the copy in memory is the
    /// truth. On PostgreSQL another host may have saved a newer version: one
    /// indexed look-up of the newest version number says whether the copy is
    /// current, and only a changed program is read and parsed again.
    pub async fn program(&self) -> Result<StoredProgram, Problem> {
        let cached = self.program.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        let cached = match self.store.backend() {
            Backend::Sqlite => cached,
            Backend::Postgres => {
                let newest = programs::newest_version(&mut *self.store.read().await?).await?;
                match cached {
                    Some(cached) if Some(cached.version) == newest => Some(cached),
                    _ => {
                        let current = self.store.current_program().await?;
                        if let Some(current) = &current {
                            self.set_program(current.clone());
                        }
                        current
                    }
                }
            }
        };
        cached.ok_or_else(|| {
            Problem::not_found("no-program", "No program configured")
                .with_detail("The merchant has not saved a loyalty program yet.")
        })
    }

    /// Keeps `program` unless a newer version is kept already (a request that
    /// read the program before another saved one must not put the old one back).
    pub fn set_program(&self, program: StoredProgram) {
        let mut kept = self.program.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if kept.as_ref().is_none_or(|kept| kept.version <= program.version) {
            *kept = Some(program);
        }
    }
}
