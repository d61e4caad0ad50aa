//! Templates: embedded in the binary, parsed once, HTML auto-escaped (the names end in `.html`).

use super::error::PageError;
use super::filters;
use crate::auth::PageActor;
use axum::response::Html;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, Output, State, context, escape_formatter};
use motcua_domain::org::Role;
use serde::Serialize;
use std::sync::OnceLock;

/// Every template, by name. One file per screen plus the layout and shared parts.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "control_sheet.html",
        include_str!("../../templates/control_sheet.html"),
    ),
    ("error.html", include_str!("../../templates/error.html")),
    ("home.html", include_str!("../../templates/home.html")),
    (
        "calendar.html",
        include_str!("../../templates/calendar.html"),
    ),
    ("login.html", include_str!("../../templates/login.html")),
    ("inbox.html", include_str!("../../templates/inbox.html")),
    ("dossier.html", include_str!("../../templates/dossier.html")),
    (
        "dossier_actions.html",
        include_str!("../../templates/dossier_actions.html"),
    ),
    ("intake.html", include_str!("../../templates/intake.html")),
    ("receipt.html", include_str!("../../templates/receipt.html")),
    (
        "catalogue.html",
        include_str!("../../templates/catalogue.html"),
    ),
    (
        "procedure.html",
        include_str!("../../templates/procedure.html"),
    ),
    ("lookup.html", include_str!("../../templates/lookup.html")),
    (
        "lookup_form.html",
        include_str!("../../templates/lookup_form.html"),
    ),
    (
        "period_form.html",
        include_str!("../../templates/period_form.html"),
    ),
    ("report.html", include_str!("../../templates/report.html")),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    (
        "report_figures.html",
        include_str!("../../templates/report_figures.html"),
    ),
    (
        "index766.html",
        include_str!("../../templates/index766.html"),
    ),
    (
        "index766_losers.html",
        include_str!("../../templates/index766_losers.html"),
    ),
    (
        "register.html",
        include_str!("../../templates/register.html"),
    ),
    ("users.html", include_str!("../../templates/users.html")),
];

/// Changes whenever the stylesheet changes, so its long cache can be busted.
pub fn asset_version() -> &'static str {
    super::assets::VERSION.get_or_init(super::assets::version)
}

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_formatter(html_formatter);
        filters::register(&mut env);
        for (name, source) in TEMPLATES {
            // A broken template is a bug caught by the page tests; the page then fails with 500.
            if let Err(e) = env.add_template(name, source) {
                tracing::error!(template = name, error = %e, "template does not parse");
            }
        }
        env
    })
}

/// HTML escaping of `&`, `<`, `>`, `"` and `'`, as Jinja2's markupsafe does: enough for text and
/// for quoted attribute values (every attribute of our templates is quoted). minijinja's own
/// escaper also turns `/` into `&#x2f;`, which makes every date `25&#x2f;11&#x2f;2026` in the
/// page source and in the copied text of some old browsers.
fn html_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if *state.auto_escape() != AutoEscape::Html || value.is_safe() {
        return escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.write_str(&rest[..at])?;
        out.write_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)?;
    Ok(())
}

/// The signed-in user as the layout shows it.
#[derive(Debug, Serialize)]
struct Staff<'a> {
    full_name: &'a str,
    username: &'a str,
    csrf_token: &'a str,
    /// Holds a role that reads reports: the menu shows them.
    reports: bool,
    /// Administers a unit: the menu shows the user accounts.
    admin: bool,
}

/// Renders template `name` with `body` as its context, plus `staff` for the layout.
pub fn render_html<T: Serialize>(
    name: &str,
    staff: Option<&PageActor>,
    body: &T,
) -> Result<Html<String>, PageError> {
    let template = environment()
        .get_template(name)
        .map_err(|e| PageError::Internal(format!("template {name}: {e}")))?;
    let staff = staff.map(|p| Staff {
        full_name: &p.actor.full_name,
        username: &p.actor.username,
        csrf_token: &p.csrf_token,
        reports: p
            .actor
            .grants
            .iter()
            .any(|g| motcua_app::REPORT_ROLES.contains(&g.role)),
        admin: p.actor.grants.iter().any(|g| g.role == Role::QuanTri),
    });
    let ctx = context! {
        staff => Value::from(Serde(staff)),
        asset_version => asset_version(),
        ..Value::from(Serde(body))
    };
    template
        .render(ctx)
        .map(Html)
        .map_err(|e| PageError::Internal(format!("template {name}: {e:#}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        for (name, _) in TEMPLATES {
            assert!(environment().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn text_is_escaped_for_html_but_slashes_stay_readable() {
        let body = serde_json::json!({ "message": "<b>\"Tom\" & 'Jerry'</b> 25/11/2026" });
        let html = render_html("error.html", None, &body).unwrap().0;
        assert!(
            html.contains("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; 25/11/2026")
        );
    }
}
