//! A test site: the router on a fixture, requests and signed-in sessions.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use motcua_app::{DossierView, IntakeRequest};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Applicant, Channel, ReturnMethod};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, Backend, DEPARTMENT, Fixture, WARD1, fixture, password, username};
use motcua_web::{AppState, WebConfig};
use tower::ServiceExt;

/// The phone of the applicant of [`Site::intake`].
pub const PHONE: &str = "0912 345 678";

/// The router on a fresh fixture.
pub struct Site {
    pub f: Fixture,
    router: Router,
}

/// An answer: status, headers and body text.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// The `Location` header.
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .map_or("", |v| v.to_str().unwrap())
    }

    /// The `Set-Cookie` header of cookie `name`, if any.
    pub fn cookie_named(&self, name: &str) -> Option<&str> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

/// A signed-in browser: its cookie and the CSRF token of its forms.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// `application/x-www-form-urlencoded` encoding.
pub fn form(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    char::from(b).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl Site {
    pub async fn new() -> Site {
        Site::with_config(WebConfig::default()).await
    }

    /// The site with `config`.
    pub async fn with_config(config: WebConfig) -> Site {
        let f = fixture(Backend::Sqlite).await;
        let router = motcua_web::router(AppState::new(f.app.clone(), config));
        Site { f, router }
    }

    pub async fn send(&self, request: Request<Body>) -> Page {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 22)
            .await
            .unwrap();
        Page {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Page {
        let mut request = Request::get(path);
        if let Some(s) = session {
            request = request.header(header::COOKIE, &s.cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn post(
        &self,
        path: &str,
        session: Option<&Session>,
        fields: &[(&str, &str)],
    ) -> Page {
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = session {
            request = request.header(header::COOKIE, &s.cookie);
        }
        self.send(request.body(Body::from(form(fields))).unwrap())
            .await
    }

    /// Posts an action form on dossier `code` with `fields` and the version the dossier is at
    /// now, as its page would carry it in the hidden `version` field.
    pub async fn act(
        &self,
        code: &str,
        session: Option<&Session>,
        fields: &[(&str, &str)],
    ) -> Page {
        let version = self.f.version(code).await.to_string();
        let mut fields = fields.to_vec();
        fields.push(("version", &version));
        self.post(&format!("/can-bo/ho-so/{code}/thao-tac"), session, &fields)
            .await
    }

    /// The sign-in form's token and the cookie that carries it (`motcua_login=…`).
    pub async fn login_token(&self) -> (String, String) {
        let page = self.get("/dang-nhap", None).await;
        let token = hidden(&page.body, "login_token").expect("a token in the sign-in form");
        let cookie = page
            .cookie_named("motcua_login")
            .expect("the sign-in cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        (token, cookie)
    }

    /// Posts the sign-in form with `fields` and the form's token, as a browser does.
    pub async fn sign_in(&self, fields: &[(&str, &str)]) -> Page {
        let (token, cookie) = self.login_token().await;
        let mut fields = fields.to_vec();
        fields.push(("login_token", &token));
        let browser = Session {
            cookie,
            csrf: String::new(),
        };
        self.post("/dang-nhap", Some(&browser), &fields).await
    }

    /// Signs in as the user holding `role` at `unit` through the sign-in form.
    pub async fn login(&self, role: Role, unit: &str) -> Session {
        let name = username(role, unit);
        let pw = password(role);
        let page = self
            .sign_in(&[("username", &name), ("password", &pw), ("next", "/can-bo")])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let cookie = page
            .cookie_named("motcua_session")
            .expect("a session cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let mut session = Session {
            cookie,
            csrf: String::new(),
        };
        let home = self.get("/can-bo", Some(&session)).await;
        session.csrf = hidden(&home.body, "csrf_token").expect("a CSRF token on the staff home");
        session
    }

    /// Receives a dossier of `procedure` at ward 1's desk for `name`.
    pub async fn intake(&self, procedure: &str, name: &str) -> DossierView {
        let desk = self.f.caller(Role::TiepNhan, WARD1);
        // The provincial procedure goes to the department; the others stay at the ward.
        let competent = (procedure == BUILDING).then(|| UnitCode::parse(DEPARTMENT).unwrap());
        let req = IntakeRequest {
            procedure_code: procedure.to_owned(),
            receiving_unit: None,
            competent_unit: competent,
            applicant: Applicant {
                kind: ApplicantType::Citizen,
                name: name.to_owned(),
                id_number: Some("001090000123".into()),
                phone: Some(PHONE.into()),
                email: None,
                address: Some("12 Trần Hưng Đạo".into()),
            },
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: true,
            reused_data: false,
            paid_at_desk: false,
        };
        self.f.app.intake(&desk, req, None).await.unwrap()
    }
}

/// The value of the first hidden input named `name`.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_owned())
}
