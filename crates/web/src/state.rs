//! What every handler gets: the application, the web settings and the rate limiters.

use crate::auth::{LoginLimiter, RateLimiter, TrustedProxies};
use motcua_app::App;
use std::sync::Arc;
use std::time::Duration;

/// Citizen look-ups allowed per client address per minute.
pub const LOOKUPS_PER_MINUTE: u32 = 30;

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Failed sign-ins allowed per (client address, user name) before each further attempt
    /// waits, twice as long each time (four times as many per client address).
    pub login_attempts: u32,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers name the client.
    pub trusted_proxies: TrustedProxies,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            login_attempts: 5,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Shared state of the router.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The application.
    pub app: App,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Failed logins (API token and the sign-in page share it).
    pub login_limiter: Arc<LoginLimiter>,
    /// Citizens' status look-ups per client address.
    pub lookup_limiter: Arc<RateLimiter>,
}

impl AppState {
    /// State for `app` with `config`.
    pub fn new(app: App, config: WebConfig) -> AppState {
        AppState {
            app,
            login_limiter: Arc::new(LoginLimiter::new(config.login_attempts)),
            lookup_limiter: Arc::new(RateLimiter::new(
                LOOKUPS_PER_MINUTE,
                Duration::from_secs(60),
            )),
            config: Arc::new(config),
        }
    }
}
