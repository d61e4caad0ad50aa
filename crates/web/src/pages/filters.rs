//! Template filters for Vietnamese formats (docs/rules.md §12), all through `motcua_domain::format`:
//! `date` 25/11/2026, `date_time` 09:00 thứ Tư, 25/11/2026, `time` 09:00, `time_on_form`
//! 09 giờ 00 phút, `long_date` ngày 25 tháng 11 năm 2026, `money` 1.234.567 đồng, `integer` 1.234.567, `percent` 70,98%,
//! `phone` 0912 345 678.
//!
//! Dates reach the templates as ISO strings (how chrono serialises them). An absent value
//! renders as an empty string, so a template can write `{{ x|date or "—" }}`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use minijinja::{Environment, Value};
use motcua_domain::format;

/// Registers the filters.
pub fn register(env: &mut Environment<'static>) {
    env.add_filter("date", |v: Value| {
        with_instant(&v, |t| format::date(t.date()))
    });
    env.add_filter("date_time", |v: Value| with_instant(&v, format::date_time));
    env.add_filter("time", |v: Value| with_instant(&v, format::time));
    env.add_filter("time_on_form", |v: Value| {
        with_instant(&v, format::time_on_form)
    });
    env.add_filter("weekday", |v: Value| {
        with_instant(&v, |t| format::weekday(t.date()).to_owned())
    });
    env.add_filter("long_date", |v: Value| {
        with_instant(&v, |t| t.format("ngày %d tháng %m năm %Y").to_string())
    });
    env.add_filter("money", |v: Value| {
        i64::try_from(v).map(format::money).unwrap_or_default()
    });
    env.add_filter("integer", |v: Value| {
        i64::try_from(v).map(format::integer).unwrap_or_default()
    });
    env.add_filter("percent", |v: Value| {
        f64::try_from(v).map(format::percent).unwrap_or_default()
    });
    env.add_filter("minutes", |v: Value| {
        i64::try_from(v).map(format::minutes).unwrap_or_default()
    });
    env.add_filter("phone", |v: Value| {
        v.as_str().map(format::phone).unwrap_or_default()
    });
}

/// An ISO date or date-time string as a local instant (a date alone is its midnight).
pub fn instant(v: &Value) -> Option<NaiveDateTime> {
    let s = v.as_str()?;
    s.parse::<NaiveDateTime>().ok().or_else(|| {
        s.parse::<NaiveDate>()
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })
}

fn with_instant(v: &Value, f: impl Fn(NaiveDateTime) -> String) -> String {
    match instant(v) {
        Some(t) => f(t),
        None if v.is_none() || v.is_undefined() => String::new(),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn render(src: &str, ctx: Value) -> String {
        let mut env = Environment::new();
        register(&mut env);
        env.render_str(src, ctx).unwrap()
    }

    #[test]
    fn formats_dates_money_and_percentages_the_vietnamese_way() {
        let ctx =
            context! { t => "2026-11-25T09:00:00", d => "2026-11-25", fee => 1234567, r => 70.981 };
        assert_eq!(render("{{ t|date }}", ctx.clone()), "25/11/2026");
        assert_eq!(render("{{ d|date }}", ctx.clone()), "25/11/2026");
        assert_eq!(
            render("{{ t|time_on_form }}", ctx.clone()),
            "09 giờ 00 phút"
        );
        assert_eq!(
            render("{{ t|date_time }}", ctx.clone()),
            "09:00 thứ Tư, 25/11/2026"
        );
        assert_eq!(render("{{ fee|money }}", ctx.clone()), "1.234.567 đồng");
        assert_eq!(render("{{ r|percent }}", ctx.clone()), "70,98%");
        assert_eq!(render("{{ missing|date or '—' }}", ctx.clone()), "—");
        assert_eq!(
            render("{{ p|phone }}", context! { p => "0912345678" }),
            "0912 345 678"
        );
        assert_eq!(render("{{ missing|phone or '—' }}", ctx), "—");
    }
}
