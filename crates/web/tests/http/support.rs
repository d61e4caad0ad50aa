//! A router on a fixture, and requests in one line each.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use motcua_app::SessionKind;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, Fixture, MARRIAGE, fixture, password, username};
use motcua_web::{AppState, WebConfig};
use serde_json::{Value, json};
use std::net::SocketAddr;
use tower::ServiceExt;

/// Failed logins allowed per user name in the tests.
pub const LOGIN_ATTEMPTS: u32 = 3;

/// Runs `async fn $name(backend: Backend)` once per backend, as `$name::sqlite` and
/// `$name::postgres`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(motcua_testkit::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(motcua_testkit::Backend::Postgres).await
            }
        }
    )*};
}

/// The router on a fresh fixture.
pub struct Server {
    /// The fixture (clock, app, database).
    pub f: Fixture,
    router: Router,
}

/// An answer: status, headers and the body as JSON (`Null` when empty, a string when not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The error code of an error answer.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

impl Server {
    pub async fn new(backend: Backend) -> Server {
        let config = WebConfig {
            login_attempts: LOGIN_ATTEMPTS,
            ..WebConfig::default()
        };
        Server::with_config(backend, config).await
    }

    /// The router with `config` on a fresh fixture.
    pub async fn with_config(backend: Backend, config: WebConfig) -> Server {
        let f = fixture(backend).await;
        let router = motcua_web::router(AppState::new(f.app.clone(), config));
        Server { f, router }
    }

    /// `req` as if it came over a socket from `peer`.
    pub fn from_peer(mut req: Request<Body>, peer: &str) -> Request<Body> {
        let addr = SocketAddr::new(peer.parse().unwrap(), 40_000);
        req.extensions_mut().insert(ConnectInfo(addr));
        req
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 22)
            .await
            .unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A request with an optional bearer token and JSON body.
    pub fn request(
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Request<Body> {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        }
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Answer {
        self.send(Self::request(Method::GET, uri, token, None))
            .await
    }

    pub async fn post(&self, uri: &str, token: Option<&str>, body: &Value) -> Answer {
        self.send(Self::request(Method::POST, uri, token, Some(body)))
            .await
    }

    /// An action on dossier `code` decided on the version it is at now (sent in `If-Match`).
    pub async fn act(&self, token: &str, code: &str, action: &Value) -> Answer {
        let seen = format!("\"{}\"", self.f.version(code).await);
        self.act_at(token, code, Some(&seen), action).await
    }

    /// An action on dossier `code` with `if_match` as the `If-Match` header (none when `None`).
    pub async fn act_at(
        &self,
        token: &str,
        code: &str,
        if_match: Option<&str>,
        action: &Value,
    ) -> Answer {
        let uri = format!("/api/v1/dossiers/{code}/actions");
        let mut req = Self::request(Method::POST, &uri, Some(token), Some(action));
        if let Some(v) = if_match {
            req.headers_mut()
                .insert(header::IF_MATCH, v.parse().unwrap());
        }
        self.send(req).await
    }

    /// A bearer token of the user holding `role` at `unit`, obtained through the API.
    pub async fn token(&self, role: Role, unit: &str) -> String {
        let body = json!({ "username": username(role, unit), "password": password(role) });
        let a = self.post("/api/v1/auth/token", None, &body).await;
        assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
        a.body["token"].as_str().unwrap().to_owned()
    }

    /// A browser session (cookie secret, CSRF token) of the user holding `role` at `unit`.
    pub async fn browser_session(&self, role: Role, unit: &str) -> (String, String) {
        let s = self
            .f
            .app
            .open_session(&self.f.actor(role, unit), SessionKind::Browser)
            .await
            .unwrap();
        (s.secret, s.csrf_token)
    }

    /// Receives a marriage registration at `unit` as its desk officer; answers the dossier.
    pub async fn intake(&self, unit: &str) -> Value {
        let token = self.token(Role::TiepNhan, unit).await;
        let a = self
            .post("/api/v1/dossiers", Some(&token), &intake_body(MARRIAGE))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
        a.body
    }
}

/// An intake request for `procedure` by a citizen with phone 0912 345 678.
pub fn intake_body(procedure: &str) -> Value {
    json!({
        "procedure_code": procedure,
        "applicant": {
            "kind": "citizen",
            "name": "Nguyễn Văn An",
            "id_number": "001090012345",
            "phone": "0912 345 678",
            "address": "12 Trần Hưng Đạo"
        },
        "digitised": true
    })
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
