//! Settings: typed defaults, then `motcua.toml`, then `MOTCUA_*` environment, then flags.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where data lives when nothing else is said.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://motcua.db";
/// Where the server listens when nothing else is said.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Flags shared by every subcommand that touches data.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Cơ sở dữ liệu: sqlite://motcua.db (mặc định) hoặc postgres://người_dùng@máy/csdl.
    #[arg(long, env = "MOTCUA_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Tệp cấu hình (mặc định motcua.toml nếu có).
    #[arg(long, env = "MOTCUA_CONFIG", global = true)]
    pub config: Option<PathBuf>,
}

/// The optional configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FileSettings {
    /// Database URL.
    pub database_url: Option<String>,
    /// Listen address.
    pub bind: Option<String>,
    /// Mark cookies `Secure` (behind HTTPS).
    pub secure_cookies: Option<bool>,
    /// Failed sign-ins per (client address, user name) before the back-off starts.
    pub login_attempts: Option<u32>,
    /// Reverse proxies (addresses or CIDR networks) whose forwarding headers name the client.
    pub trusted_proxies: Option<Vec<String>>,
    /// Log filter, e.g. `info` or `motcua=debug`.
    pub log: Option<String>,
}

const KNOWN_KEYS: [&str; 6] = [
    "database_url",
    "bind",
    "secure_cookies",
    "login_attempts",
    "trusted_proxies",
    "log",
];

impl DataArgs {
    /// Reads the configuration file, if any. Unknown keys are reported on stderr.
    pub fn file(&self) -> Result<FileSettings, String> {
        let (path, required) = match &self.config {
            Some(p) => (p.clone(), true),
            None => (PathBuf::from("motcua.toml"), false),
        };
        if !required && !Path::new(&path).exists() {
            return Ok(FileSettings::default());
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("không đọc được tệp cấu hình «{}»: {e}", path.display()))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| format!("tệp cấu hình «{}» sai cú pháp: {e}", path.display()))?;
        for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
            eprintln!(
                "Cảnh báo: khóa cấu hình không biết «{key}» trong «{}» bị bỏ qua",
                path.display()
            );
        }
        toml::Value::Table(table)
            .try_into()
            .map_err(|e| format!("tệp cấu hình «{}»: {e}", path.display()))
    }

    /// The database URL: flag or environment, then the file, then the default.
    pub fn database_url(&self, file: &FileSettings) -> String {
        self.database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned())
    }
}
